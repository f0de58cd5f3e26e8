package io.github.camelliveagent.component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.camelliveagent.component.enhanced.ConversationState;
import io.github.camelliveagent.component.enhanced.EnhancedChat;
import io.github.camelliveagent.component.enhanced.client.EnhancedChatException;
import io.github.camelliveagent.component.enhanced.client.EnhancedChatSettings;
import io.github.camelliveagent.component.model.LiveAgentJson;
import io.github.camelliveagent.component.model.request.ChasitorInit;
import io.github.camelliveagent.component.model.request.CustomDetail;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Runs the producer operations of an endpoint with {@code api=enhancedChat}: the same operation names and headers as
 * for Live Agent, on conversations. Asynchronous like the Live Agent producer: no thread waits for the server, and the
 * route continues on the component's producer threads, never on an HTTP I/O thread.
 */
public class EnhancedChatProducer extends DefaultAsyncProducer {

    /** The largest file Enhanced Chat accepts (miaw-api.md §4.3). */
    static final int MAX_FILE_BYTES = 5 * 1024 * 1024;

    /** Keys that make a Map or JSON body a ChasitorInit (whose prechatDetails become routing attributes). */
    private static final Set<String> CHASITOR_INIT_KEYS = Set.of("organizationId", "deploymentId", "buttonId", "agentId",
            "doFallback", "sessionId", "userAgent", "language", "screenResolution", "visitorName", "prechatDetails",
            "prechatEntities", "buttonOverrides", "receiveQueueUpdates", "isPost");

    public EnhancedChatProducer(LiveAgentEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public LiveAgentEndpoint getEndpoint() {
        return (LiveAgentEndpoint) super.getEndpoint();
    }

    private EnhancedChat chat() {
        return getEndpoint().getComponent().enhancedChat();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        LiveAgentOperation op;
        CompletableFuture<?> work;
        try {
            op = operation(exchange);
            work = run(op, exchange);
        } catch (Exception e) {
            exchange.setException(translate(getEndpoint().getOperation(), unwrap(e)));
            callback.done(true);
            return true;
        }
        work.whenCompleteAsync((result, error) -> {
            if (error != null) {
                exchange.setException(translate(op, unwrap(error)));
            }
            String id = exchange.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
            ConversationState state = id == null ? null : chat().state(id);
            if (state != null) {
                exchange.getMessage().setHeader(LiveAgentConstants.SESSION_STATE, state.name());
            }
            callback.done(false);
        }, getEndpoint().getComponent().producerExecutor());
        return false;
    }

    private LiveAgentOperation operation(Exchange exchange) {
        String override = exchange.getMessage().getHeader(LiveAgentConstants.OPERATION, String.class);
        if (override == null) {
            return getEndpoint().getOperation();
        }
        LiveAgentOperation op = LiveAgentOperation.parse(override, "header " + LiveAgentConstants.OPERATION);
        if (op == LiveAgentOperation.messages) {
            throw new IllegalArgumentException("Header " + LiveAgentConstants.OPERATION
                                               + " cannot be 'messages': that is the consumer of chat events");
        }
        LiveAgentApi.enhancedChat.check(op);
        return op;
    }

    private CompletableFuture<?> run(LiveAgentOperation op, Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        return switch (op) {
            case startChat -> {
                Map<String, Object> attributes = routingAttributes(op, exchange.getMessage().getBody());
                EnhancedChatSettings settings = getEndpoint().enhancedChatSettings();
                yield chat().startChat(settings, attributes,
                        exchange.getMessage().getHeader(LiveAgentConstants.CORRELATION_ID, String.class))
                        .thenAccept(conversationId -> exchange.getMessage().setHeader(LiveAgentConstants.SESSION_ID,
                                conversationId));
            }
            case chatMessage -> chat().message(id, requiredText(op, exchange));
            case chasitorTyping -> chat().typing(id, true);
            case chasitorNotTyping -> chat().typing(id, false);
            case chatEnd -> chat().close(id);
            case endSession -> chat().endSession(id);
            case acknowledgeDelivery, acknowledgeRead -> chat().acknowledge(id, op == LiveAgentOperation.acknowledgeRead,
                    exchange.getMessage().getHeader(LiveAgentConstants.ENTRY_ID, String.class));
            case sendFile -> sendFile(op, id, exchange);
            default -> throw new IllegalArgumentException(LiveAgentApi.enhancedChat.refusal(op));
        };
    }

    private CompletableFuture<?> sendFile(LiveAgentOperation op, String id, Exchange exchange) {
        byte[] content = exchange.getMessage().getBody(byte[].class);
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException("The body of " + op + " must be the file's bytes; it was empty");
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("The body of " + op + " is " + content.length + " bytes; Enhanced Chat"
                                               + " accepts files of " + MAX_FILE_BYTES + " bytes (5 MB) at most");
        }
        String fileName = exchange.getMessage().getHeader(LiveAgentConstants.FILE_NAME,
                exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class), String.class);
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("Header " + LiveAgentConstants.FILE_NAME + " (or " + Exchange.FILE_NAME
                                               + ") is required for " + op + ": the name of the file");
        }
        String contentType = exchange.getMessage().getHeader(LiveAgentConstants.FILE_CONTENT_TYPE,
                exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "application/octet-stream", String.class),
                String.class);
        return chat().sendFile(id, null, fileName, contentType, content);
    }

    /**
     * The routing attributes (pre-chat fields) from the body: a ChasitorInit (or a Map or JSON of that shape) gives its
     * prechatDetails as label to value, so that a route written for Live Agent keeps its body; any other Map or JSON
     * object is taken as the attributes themselves. Nothing for an empty body.
     */
    static Map<String, Object> routingAttributes(LiveAgentOperation op, Object body) {
        if (body == null || body instanceof String s && s.isBlank()) {
            return Map.of();
        }
        if (body instanceof ChasitorInit init) {
            return fromPrechat(init.prechatDetails());
        }
        Map<?, ?> map;
        try {
            map = body instanceof Map<?, ?> m ? m : LiveAgentJson.convert(body, Map.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The body of " + op + " must be the pre-chat fields as a Map or JSON object"
                                               + " (field API name to value), or a ChasitorInit; it was a "
                                               + body.getClass().getName() + " that does not fit: " + e.getMessage(), e);
        }
        if (map.keySet().stream().anyMatch(CHASITOR_INIT_KEYS::contains)) {
            ChasitorInit init;
            try {
                init = LiveAgentJson.convertStrictly(map, ChasitorInit.class);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("The body of " + op + " has ChasitorInit keys but does not fit"
                                                   + " ChasitorInit: " + e.getMessage(), e);
            }
            return fromPrechat(init.prechatDetails());
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!(v == null || v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new IllegalArgumentException("Routing attribute '" + k + "' in the body of " + op + " is a "
                                                   + v.getClass().getName() + "; a pre-chat field's value is text, a"
                                                   + " number or a boolean");
            }
            attributes.put(String.valueOf(k), v);
        });
        return attributes;
    }

    private static Map<String, Object> fromPrechat(List<CustomDetail> details) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (details != null) {
            for (CustomDetail d : details) {
                if (d.label() != null && !d.label().isBlank()) {
                    attributes.put(d.label(), d.value());
                }
            }
        }
        return attributes;
    }

    private static String requiredText(LiveAgentOperation op, Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("The body of " + op + " must be the message text; it was empty");
        }
        return text;
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** Routes catch LiveAgentException whatever the API: the Enhanced Chat failure becomes one, with its status. */
    private static Throwable translate(LiveAgentOperation op, Throwable e) {
        if (e instanceof EnhancedChatException ece) {
            return new LiveAgentException(ece.getOperation() != null ? ece.getOperation() : op.name(),
                    ece.getConversationId(), ece.getStatusCode(), ece.getMessage(), ece);
        }
        return e;
    }
}
