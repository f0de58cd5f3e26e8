package io.github.camelliveagent.examples.bot;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

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

    /** How long an event of a new chat waits for its startChat to return; see {@link #visitorOf(String)}. */
    private static final long LINK_WAIT_SECONDS = 10;

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
    private final Map<String, CompletableFuture<Conversation>> bySession = new ConcurrentHashMap<>();
    private final AtomicInteger chatsStarting = new AtomicInteger();

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
        chatsStarting.incrementAndGet();
        // organization, deployment and button ids come from the component's configuration
        return ChasitorInit.builder()
                .visitorName(c.visitorName)
                .prechatDetails(List.of(CustomDetail.of("Channel", "Chatbot hand-off", true)))
                .build();
    }

    /** startChat returned: from now on the chat's events find this visitor. */
    public void chatStarted(@Header(VisitorChannel.VISITOR_ID) String visitorId,
                            @Header(LiveAgentConstants.SESSION_ID) String sessionId) {
        Conversation c = of(visitorId);
        c.sessionId = sessionId;
        bySession.computeIfAbsent(sessionId, id -> new CompletableFuture<>()).complete(c);
        chatsStarting.decrementAndGet();
    }

    /** startChat failed: the visitor stays with the bot. */
    public void chatNotStarted(@Header(VisitorChannel.VISITOR_ID) String visitorId) {
        Conversation c = of(visitorId);
        if (c.withAgent && c.sessionId == null) {
            c.withAgent = false;
            chatsStarting.decrementAndGet();
        }
    }

    /** The Live Agent session of the visitor's chat. */
    public String sessionOf(@Header(VisitorChannel.VISITOR_ID) String visitorId) {
        return of(visitorId).sessionId;
    }

    // ---- called with Live Agent events -----------------------------------------------------------------------

    /**
     * The visitor whose chat this is, or null for a chat this route did not start.
     * <p>
     * The first events of a chat can arrive before the {@code startChat} that opened it has returned its session
     * id; while a startChat is under way, an event of an unknown session waits (up to 10 s) for it.
     */
    public String visitorOf(@Header(LiveAgentConstants.SESSION_ID) String sessionId) throws InterruptedException {
        CompletableFuture<Conversation> link = bySession.get(sessionId);
        if (link == null) {
            if (chatsStarting.get() == 0) {
                return null;
            }
            link = bySession.computeIfAbsent(sessionId, id -> new CompletableFuture<>());
        }
        try {
            return link.get(LINK_WAIT_SECONDS, TimeUnit.SECONDS).visitorId;
        } catch (TimeoutException e) {
            bySession.remove(sessionId, link);
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    public void agentJoined(@Header(LiveAgentConstants.SESSION_ID) String sessionId, @Body ChatEstablished established) {
        bySession.get(sessionId).join().agentName = established.name();
    }

    public String agentName(@Header(LiveAgentConstants.SESSION_ID) String sessionId) {
        CompletableFuture<Conversation> link = bySession.get(sessionId);
        String name = link == null ? null : link.join().agentName;
        return name == null || name.isBlank() ? "The agent" : name;
    }

    /** The bot conversation so far, sent to the agent as context once the chat is established. */
    public String botContext(@Header(LiveAgentConstants.SESSION_ID) String sessionId) {
        Conversation c = bySession.get(sessionId).join();
        return "[" + Bot.NAME + "] " + c.visitorName + " talked to the bot before asking for a person:\n"
               + String.join("\n", c.botTalk);
    }

    /** The chat is over (ended by either side, or no agent took it): the visitor is back with the bot. */
    public void chatOver(@Header(LiveAgentConstants.SESSION_ID) String sessionId) {
        CompletableFuture<Conversation> link = bySession.remove(sessionId);
        if (link != null) {
            Conversation c = link.join();
            c.withAgent = false;
            c.sessionId = null;
            c.agentName = null;
            c.botTalk.clear();
        }
    }

    /** What the visitor is told when the chat ends. */
    public String chatEndedText(@Header(LiveAgentConstants.SESSION_ID) String sessionId, @Body ChatEnded ended) {
        return switch (String.valueOf(ended.reason())) {
            case "agent" -> agentName(sessionId) + " left the chat.";
            case "client" -> "You ended the chat.";
            default -> "The chat ended (" + ended.reason() + ").";
        };
    }
}
