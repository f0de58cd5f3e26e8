package io.github.camelliveagent.emulator.agent;

import io.github.camelliveagent.emulator.session.EmulatedSession;

import java.util.Objects;

/**
 * A simulated agent. Callbacks run on the emulator's event loop after the triggering request has been
 * answered; they must not block (use {@link EmulatedSession#after} to act later). All default to no-ops.
 */
public interface AgentBehaviour {

    /** A {@code ChasitorInit} was accepted and {@code ChatRequestSuccess} sent; the session is QUEUED. */
    default void onChatRequested(EmulatedSession session) {
    }

    /** The visitor sent a chat message (duplicates are not reported). */
    default void onVisitorMessage(EmulatedSession session, String text) {
    }

    /** The chat is over, whoever ended it (visitor, agent, expiry, duplicate poll). */
    default void onChatEnded(EmulatedSession session) {
    }

    /** A behaviour that runs this one's callbacks, then {@code next}'s. */
    default AgentBehaviour andThen(AgentBehaviour next) {
        Objects.requireNonNull(next, "next");
        AgentBehaviour first = this;
        return new AgentBehaviour() {
            @Override
            public void onChatRequested(EmulatedSession session) {
                first.onChatRequested(session);
                next.onChatRequested(session);
            }

            @Override
            public void onVisitorMessage(EmulatedSession session, String text) {
                first.onVisitorMessage(session, text);
                next.onVisitorMessage(session, text);
            }

            @Override
            public void onChatEnded(EmulatedSession session) {
                first.onChatEnded(session);
                next.onChatEnded(session);
            }
        };
    }
}
