package io.github.camelliveagent.emulator.junit;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Starts chats the way a Camel route does, through the {@code liveagent} component, for tests that play the agent on
 * the emulator's side ({@link LiveAgentEmulatorExtension#serverSide(String)}):
 *
 * <pre>{@code
 * String id = LiveAgentChats.startChat(template());
 * EmulatedSession agent = EMULATOR.serverSide(id);
 * agent.accept("Agent Smith");
 * }</pre>
 * <p>
 * Needs {@code camel-api} on the class path, which a test of a Camel application has; the emulator itself does not
 * use Camel (the dependency is optional and not in the standalone jar).
 */
public final class LiveAgentChats {

    /**
     * The header in which the component's {@code startChat} returns the session id: the value of the component's
     * {@code LiveAgentConstants.SESSION_ID}, written out because the emulator is what the component is tested against
     * and cannot depend on it (the component's tests check that the two agree).
     */
    public static final String SESSION_ID_HEADER = "CamelLiveAgentSessionId";

    private LiveAgentChats() {
    }

    /** Starts a chat through {@code liveagent:startChat} with the component's settings; returns its session id. */
    public static String startChat(ProducerTemplate template) {
        return startChat(template, "liveagent:startChat");
    }

    /**
     * Starts a chat through this producer endpoint (another component name, endpoint options); returns its session
     * id.
     *
     * @throws AssertionError with the component's exception as its cause when startChat failed
     */
    public static String startChat(ProducerTemplate template, String endpointUri) {
        Exchange out = template.request(endpointUri, e -> {
        });
        if (out.getException() != null) {
            throw new AssertionError("startChat through " + endpointUri + " failed", out.getException());
        }
        String id = out.getMessage().getHeader(SESSION_ID_HEADER, String.class);
        if (id == null) {
            throw new AssertionError("startChat through " + endpointUri + " returned no header " + SESSION_ID_HEADER);
        }
        return id;
    }
}
