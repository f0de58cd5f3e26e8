package io.github.camelliveagent.emulator.agent;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Ready-made {@link AgentBehaviour}s; combine them with {@link AgentBehaviour#andThen}. */
public final class AgentBehaviours {

    private AgentBehaviours() {
    }

    /** Does nothing: tests drive the agent by hand. */
    public static AgentBehaviour none() {
        return new AgentBehaviour() {
        };
    }

    /** Accepts every chat request as {@code agentName} after {@code delay} (if still queued by then). */
    public static AgentBehaviour autoAccept(String agentName, Duration delay) {
        Objects.requireNonNull(agentName, "agentName");
        Objects.requireNonNull(delay, "delay");
        return new AgentBehaviour() {
            @Override
            public void onChatRequested(EmulatedSession session) {
                session.after(delay, () -> {
                    // the visitor may have ended or the test may have accepted meanwhile
                    if (session.state() == SessionState.QUEUED) {
                        session.accept(agentName);
                    }
                });
            }
        };
    }

    /** Answers every visitor message with {@code "echo: <text>"}; does not accept chats (combine with autoAccept). */
    public static AgentBehaviour echoReplies() {
        return new AgentBehaviour() {
            @Override
            public void onVisitorMessage(EmulatedSession session, String text) {
                if (session.state() == SessionState.ACTIVE) {
                    session.agentMessage("echo: " + text);
                }
            }
        };
    }

    /** Accepts every chat at once as {@code agentName} and echoes every visitor message as {@code "echo: <text>"}. */
    public static AgentBehaviour echo(String agentName) {
        return autoAccept(agentName, Duration.ZERO).andThen(echoReplies());
    }

    /**
     * Greets with {@code "Hi, I am <agentName>. How can I help?"} once accepted, then answers the n-th visitor
     * message with {@code replies.get(n)}; stays silent when the lines run out. Does not accept chats.
     */
    public static AgentBehaviour scriptedReplies(String agentName, List<String> replies) {
        List<String> lines = List.copyOf(replies);
        // one script position per session; a behaviour instance serves all sessions of an emulator
        Map<String, Integer> positions = new ConcurrentHashMap<>();
        return new AgentBehaviour() {
            @Override
            public void onVisitorMessage(EmulatedSession session, String text) {
                int n = positions.merge(session.id(), 1, Integer::sum) - 1;
                if (n < lines.size() && session.state() == SessionState.ACTIVE) {
                    session.agentMessage(lines.get(n));
                }
            }

            @Override
            public void onChatEnded(EmulatedSession session) {
                positions.remove(session.id());
            }
        };
    }

    /** Accepts every chat at once as {@code agentName}, greets, then answers each visitor message with the next line. */
    public static AgentBehaviour scripted(String agentName, List<String> replies) {
        AgentBehaviour greetOnAccept = new AgentBehaviour() {
            @Override
            public void onChatRequested(EmulatedSession session) {
                if (session.state() == SessionState.QUEUED) {
                    session.accept(agentName);
                    session.agentMessage("Hi, I am " + agentName + ". How can I help?");
                }
            }
        };
        return greetOnAccept.andThen(scriptedReplies(agentName, replies));
    }
}
