package io.github.camelliveagent.examples.bot;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.request.ChasitorInit;
import io.github.camelliveagent.component.model.request.CustomDetail;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * What the hand-off route remembers about each visitor: the talk with the bot, and the Live Agent chat once there
 * is one. In memory: a restart forgets the conversations (a real deployment would keep this in a cache or database).
 */
public class Conversations {

    private static final class Conversation {
        final String visitorId;
        volatile String visitorName = "Visitor";
        final List<String> botTalk = new CopyOnWriteArrayList<>();
        volatile boolean withAgent;
        volatile String sessionId;
        volatile String agentName;

        Conversation(String visitorId) {
            this.visitorId = visitorId;
        }
    }

    private final Map<String, Conversation> byVisitor = new ConcurrentHashMap<>();

    private Conversation of(String visitorId) {
        if (visitorId == null || visitorId.isBlank()) {
            throw new IllegalArgumentException("A visitor message needs the JMS property " + VisitorChannel.VISITOR_ID);
        }
        return byVisitor.computeIfAbsent(visitorId, Conversation::new);
    }

    // ---- called with visitor messages ------------------------------------------------------------------------

    /** True from the moment the visitor asked for a person until the chat is over. */
    public boolean isWithAgent(@Header(VisitorChannel.VISITOR_ID) String visitorId) {
        return of(visitorId).withAgent;
    }

    public void visitorSaid(@Header(VisitorChannel.VISITOR_ID) String visitorId,
                            @Header(VisitorChannel.VISITOR_NAME) String visitorName, @Body String text) {
        Conversation c = of(visitorId);
        if (visitorName != null && !visitorName.isBlank()) {
            c.visitorName = visitorName;
        }
        c.botTalk.add(c.visitorName + ": " + text);
    }

    public void botSaid(@Header(VisitorChannel.VISITOR_ID) String visitorId, @Body String text) {
        of(visitorId).botTalk.add(Bot.NAME + ": " + text);
    }

    /** The visitor asked for a person: the body for {@code liveagent:startChat}. */
    public ChasitorInit chatRequest(@Header(VisitorChannel.VISITOR_ID) String visitorId) {
        Conversation c = of(visitorId);
        c.withAgent = true;
        // organization, deployment and button ids come from the component's configuration
        return ChasitorInit.builder()
                .visitorName(c.visitorName)
                .prechatDetails(List.of(CustomDetail.of("Channel", "Chatbot hand-off", true)))
                .build();
    }

    /** startChat returned: the visitor's messages go to this chat from now on. */
    public void chatStarted(@Header(VisitorChannel.VISITOR_ID) String visitorId,
                            @Header(LiveAgentConstants.SESSION_ID) String sessionId) {
        of(visitorId).sessionId = sessionId;
    }

    /** startChat failed: the visitor stays with the bot. */
    public void chatNotStarted(@Header(VisitorChannel.VISITOR_ID) String visitorId) {
        Conversation c = of(visitorId);
        if (c.sessionId == null) {
            c.withAgent = false;
        }
    }

    /** The Live Agent session of the visitor's chat. */
    public String sessionOf(@Header(VisitorChannel.VISITOR_ID) String visitorId) {
        return of(visitorId).sessionId;
    }

    // ---- called with Live Agent events (the route copies the chat's CamelLiveAgentCorrelationId, the visitor id,
    // into the visitor id header: events find their visitor even before startChat has returned) ---------------

    public void agentJoined(@Header(VisitorChannel.VISITOR_ID) String visitorId, @Body ChatEstablished established) {
        of(visitorId).agentName = established.name();
    }

    public String agentName(@Header(VisitorChannel.VISITOR_ID) String visitorId) {
        String name = of(visitorId).agentName;
        return name == null || name.isBlank() ? "The agent" : name;
    }

    /** The bot conversation so far, sent to the agent as context once the chat is established. */
    public String botContext(@Header(VisitorChannel.VISITOR_ID) String visitorId) {
        Conversation c = of(visitorId);
        return "[" + Bot.NAME + "] " + c.visitorName + " talked to the bot before asking for a person:\n"
               + String.join("\n", c.botTalk);
    }

    /** The chat is over (ended by either side, or no agent took it): the visitor is back with the bot. */
    public void chatOver(@Header(VisitorChannel.VISITOR_ID) String visitorId,
                         @Header(LiveAgentConstants.SESSION_ID) String sessionId) {
        Conversation c = of(visitorId);
        // a late event of an earlier chat must not end the visitor's current one
        if (c.sessionId == null || c.sessionId.equals(sessionId)) {
            c.withAgent = false;
            c.sessionId = null;
            c.agentName = null;
            c.botTalk.clear();
        }
    }

    /** What the visitor is told when the chat ends. */
    public String chatEndedText(@Header(VisitorChannel.VISITOR_ID) String visitorId, @Body ChatEnded ended) {
        return switch (String.valueOf(ended.reason())) {
            case "agent" -> agentName(visitorId) + " left the chat.";
            case "client" -> "You ended the chat.";
            default -> "The chat ended (" + ended.reason() + ").";
        };
    }
}
