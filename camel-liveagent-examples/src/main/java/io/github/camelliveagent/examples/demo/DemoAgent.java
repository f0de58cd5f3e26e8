package io.github.camelliveagent.examples.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelliveagent.emulator.agent.AgentBehaviour;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;

/**
 * The emulated agent of the demo: accepts every chat after a moment, answers each message it gets with the next line
 * of its script (typing first), and ends the chat after its last line.
 */
public class DemoAgent implements AgentBehaviour {

    public static final String NAME = "Agent Smith";

    /** The answers, in order: the first one answers the bot conversation the hand-off route sends. */
    public static final List<String> SCRIPT = List.of(
            "Hello, I am Agent Smith. I have read your chat with our bot. Let me look up parcel 4711 for you.",
            "Parcel 4711 is out for delivery and will reach you today before 18:00. Anything else?",
            "You are welcome. Goodbye!");

    private final List<String> script;
    private final Duration acceptAfter;
    private final Duration typingFor;
    private final Map<String, Integer> positions = new ConcurrentHashMap<>();

    public DemoAgent() {
        this(SCRIPT, Duration.ofMillis(300), Duration.ofMillis(200));
    }

    public DemoAgent(List<String> script, Duration acceptAfter, Duration typingFor) {
        this.script = List.copyOf(script);
        this.acceptAfter = acceptAfter;
        this.typingFor = typingFor;
    }

    @Override
    public void onChatRequested(EmulatedSession session) {
        session.after(acceptAfter, () -> {
            if (session.state() == SessionState.QUEUED) {
                session.accept(NAME);
            }
        });
    }

    @Override
    public void onVisitorMessage(EmulatedSession session, String text) {
        int n = positions.merge(session.id(), 1, Integer::sum) - 1;
        if (n >= script.size() || session.state() != SessionState.ACTIVE) {
            return;
        }
        session.agentTyping();
        session.after(typingFor, () -> {
            if (session.state() != SessionState.ACTIVE) {
                return;
            }
            session.agentMessage(script.get(n));
            if (n == script.size() - 1) {
                session.after(typingFor, () -> {
                    if (session.state() == SessionState.ACTIVE) {
                        session.endChat();
                    }
                });
            }
        });
    }

    @Override
    public void onChatEnded(EmulatedSession session) {
        positions.remove(session.id());
    }
}
