package io.github.camelliveagent.component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import io.github.camelliveagent.component.client.ChatServer;
import io.github.camelliveagent.component.client.FileUploadRequest;
import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.client.LiveAgentRequest;
import io.github.camelliveagent.component.model.LiveAgentJson;
import io.github.camelliveagent.component.model.VisitorReply;
import io.github.camelliveagent.component.model.message.Availability;
import io.github.camelliveagent.component.model.message.FileTransfer;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.Settings;
import io.github.camelliveagent.component.model.message.VisitorId;
import io.github.camelliveagent.component.model.request.Breadcrumb;
import io.github.camelliveagent.component.model.request.ChasitorInit;
import io.github.camelliveagent.component.model.request.ChasitorSneakPeek;
import io.github.camelliveagent.component.model.request.ChatEnd;
import io.github.camelliveagent.component.model.request.ChatMessage;
import io.github.camelliveagent.component.model.request.CustomEvent;
import io.github.camelliveagent.component.model.request.MultiNoun;
import io.github.camelliveagent.component.session.ChatSession;
import io.github.camelliveagent.component.cluster.ClusterCoordinator;
import io.github.camelliveagent.component.session.SessionCallException;
import io.github.camelliveagent.component.session.SessionEnd;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Runs the producer operations. Every call is asynchronous: the exchange's thread is released while the server
 * answers, and chat activity that waits for ChatEstablished holds no thread either.
 */
public class LiveAgentProducer extends DefaultAsyncProducer {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveAgentProducer.class);


    public LiveAgentProducer(LiveAgentEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public LiveAgentEndpoint getEndpoint() {
        return (LiveAgentEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        LiveAgentOperation op = getEndpoint().getOperation();
        if (op == LiveAgentOperation.startChat || op == LiveAgentOperation.chasitorInit) {
            requireIds();
        }
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletableFuture<?> work;
        try {
            LiveAgentOperation op = operation(exchange);
            work = run(op, exchange);
        } catch (Exception e) {
            exchange.setException(LiveAgentException.atCamelFace(e));
            callback.done(true);
            return true;
        }
        // the route continues on the callback's thread: never on an HTTP I/O thread or the component's timer
        work.whenCompleteAsync((result, error) -> {
            if (error != null) {
                exchange.setException(LiveAgentException.atCamelFace(error));
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
        LiveAgentApi.liveAgent.check(op);
        return op;
    }

    private CompletableFuture<?> run(LiveAgentOperation op, Exchange exchange) throws Exception {
        return switch (op) {
            case startChat -> {
                ChasitorInit init = chasitorInit(op, exchange);
                yield open(op, exchange).thenCompose(session -> sendInit(session, init, exchange)
                        .whenComplete((r, error) -> {
                            if (error != null) {
                                abandon(session, error);
                            }
                        }));
            }
            case sessionId -> open(op, exchange);
            case chasitorInit -> {
                ChasitorInit init = chasitorInit(op, exchange);
                yield sendInit(session(op, exchange), init, exchange);
            }
            case chatMessage -> post(op, exchange, "Chasitor/ChatMessage", new ChatMessage(requiredText(op, exchange)), true);
            case chasitorTyping -> post(op, exchange, "Chasitor/ChasitorTyping", null, true);
            case chasitorNotTyping -> post(op, exchange, "Chasitor/ChasitorNotTyping", null, true);
            case chasitorSneakPeek -> post(op, exchange, "Chasitor/ChasitorSneakPeek", new ChasitorSneakPeek(
                    exchange.getMessage().getHeader(LiveAgentConstants.SNEAK_PEEK_POSITION, 0, Integer.class),
                    exchange.getMessage().getBody(String.class)), true);
            case customEvent -> post(op, exchange, "Chasitor/CustomEvent", customEvent(op, exchange), true);
            case multiNoun -> post(op, exchange, "System/MultiNoun", multiNoun(op, exchange), true);
            case chatEnd -> post(op, exchange, "Chasitor/ChatEnd", new ChatEnd(
                    exchange.getMessage().getHeader(LiveAgentConstants.CHAT_END_REASON, "client", String.class)), false);
            case deleteSession -> {
                ClusterCoordinator cluster = getEndpoint().getComponent().cluster();
                if (cluster != null) {
                    // through the shared outbox like every chat call: the owner deletes it after what was sent before
                    yield clusterCall(cluster, op, exchange, "DELETE", null, null, false, false);
                }
                ChatSession session = session(op, exchange);
                yield session.outbox().submit(op.name(), "DELETE", null, null, false, false, establishTimeout())
                        .thenRun(() -> {
                            // the route ended it: the routes get a final ChatEnded, nothing is polled any more
                            session.end(SessionEnd.closed(SessionEnd.DELETED));
                            afterSessionCall(session, exchange);
                        });
            }
            case availability -> visitorGet(op, exchange, "Visitor/Availability", availabilityQuery(op, exchange),
                    json -> LiveAgentJson.readAvailability(json), Availability.class);
            case settings -> visitorGet(op, exchange, "Visitor/Settings", settingsQuery(op, exchange),
                    json -> LiveAgentJson.readSettings(json), Settings.class);
            case visitorId -> visitorGet(op, exchange, "Visitor/VisitorId", orgQuery(),
                    json -> LiveAgentJson.readVisitorId(json), VisitorId.class);
            case breadcrumb -> breadcrumb(op, exchange);
            case fileUpload -> fileUpload(op, exchange);
            case endSession, sendFile, acknowledgeDelivery, acknowledgeRead ->
                throw new IllegalArgumentException(LiveAgentApi.liveAgent.refusal(op));
            case messages -> throw new IllegalArgumentException("messages is the consumer operation");
        };
    }

    private CompletableFuture<ChatSession> open(LiveAgentOperation op, Exchange exchange) {
        return getEndpoint().getComponent().sessions().open(op.name(), getEndpoint().sessionSettings(),
                exchange.getMessage().getHeader(LiveAgentConstants.CORRELATION_ID, String.class))
                .thenApply(session -> {
                    afterSessionCall(session, exchange);
                    return session;
                });
    }

    /**
     * The chat could not be started: the session ends quietly (the route's exchange carries the error), stops
     * polling, is forgotten, and is deleted on the server so that nothing is left behind, whatever redelivery retries.
     */
    private void abandon(ChatSession session, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        SessionCallException why = cause instanceof SessionCallException e ? e
                : new SessionCallException(LiveAgentOperation.startChat.name(), session.id(), 0,
                        "the chat could not be started: " + cause.getMessage(), cause);
        var delete = session.deleteRequest();
        if (session.end(SessionEnd.notStarted(why))) {
            getEndpoint().getComponent().client().send(delete).whenComplete((reply, e) -> {
                if (e != null || !reply.isSuccess()) {
                    LOG.debug("Session {}: DELETE after a failed startChat did not succeed ({})", session.id(),
                            e != null ? e.toString() : "HTTP " + reply.status());
                }
            });
        }
    }

    private CompletableFuture<?> sendInit(ChatSession session, ChasitorInit init, Exchange exchange) {
        byte[] body = LiveAgentJson.write(init.withSessionId(session.id()));
        return session.outbox().submit(LiveAgentOperation.chasitorInit.name(), "POST", "Chasitor/ChasitorInit", body,
                true, false, establishTimeout()).thenRun(() -> {
                    session.chatRequested();
                    afterSessionCall(session, exchange);
                });
    }

    private CompletableFuture<?> post(LiveAgentOperation op, Exchange exchange, String path, Object body,
                                      boolean chatActivity) throws Exception {
        ClusterCoordinator cluster = getEndpoint().getComponent().cluster();
        if (cluster != null) {
            return clusterPost(cluster, op, exchange, path, body, chatActivity);
        }
        ChatSession session = session(op, exchange);
        return session.outbox().submit(op.name(), "POST", path, LiveAgentJson.write(body), true, chatActivity,
                establishTimeout())
                .thenRun(() -> afterSessionCall(session, exchange));
    }

    /**
     * On a cluster every chat call goes through the shared outbox, whichever node owns the chat (this one included):
     * the owner sends the calls in the order they were recorded, and a call recorded before a node died is sent by
     * the next owner with the number it had, so that the server drops it if it arrived.
     */
    private CompletableFuture<?> clusterPost(ClusterCoordinator cluster, LiveAgentOperation op, Exchange exchange,
                                             String path, Object body, boolean chatActivity) {
        return clusterCall(cluster, op, exchange, "POST", path, LiveAgentJson.write(body), true, chatActivity);
    }

    private CompletableFuture<?> clusterCall(ClusterCoordinator cluster, LiveAgentOperation op, Exchange exchange,
                                             String method, String path, byte[] body, boolean sequenced,
                                             boolean chatActivity) {
        String sessionId = requiredSessionId(op, exchange);
        String messageId = exchange.getMessage().getHeader(LiveAgentConstants.MESSAGE_ID, String.class);
        if (messageId != null && (messageId.isBlank() || messageId.length() > 120)) {
            throw new IllegalArgumentException("Header " + LiveAgentConstants.MESSAGE_ID + " must be 1 to 120 characters"
                                               + " (an idempotency key such as the relayed message's id), was "
                                               + (messageId.isBlank() ? "blank" : messageId.length() + " characters"));
        }
        return cluster.call(sessionId.trim(), messageId, op.name(), method, path, body, sequenced,
                chatActivity, establishTimeout()).thenAccept(outcome -> {
                    if (!outcome.success()) {
                        throw new CompletionException(new SessionCallException(op.name(), sessionId, outcome.status(),
                                outcome.error() == null ? "the chat's owner could not send the call" : outcome.error()));
                    }
                    exchange.getMessage().setHeader(LiveAgentConstants.SESSION_ID, sessionId.trim());
                    if (outcome.state() != null) {
                        exchange.getMessage().setHeader(LiveAgentConstants.SESSION_STATE, outcome.state());
                    }
                });
    }

    private long establishTimeout() {
        return getEndpoint().getConfiguration().getEstablishTimeout();
    }

    private ChatSession session(LiveAgentOperation op, Exchange exchange) throws SessionCallException {
        String sessionId = requiredSessionId(op, exchange);
        ChatSession held = getEndpoint().getComponent().sessions().find(sessionId.trim());
        if (held == null && getEndpoint().getComponent().cluster() != null) {
            // chat calls go through the shared outbox; what is left needs the chat's own state, on its owner
            throw new SessionCallException(op.name(), sessionId, 0,
                    "this node does not hold the chat; on a cluster, " + op.name() + " runs on the node that owns it"
                                                                   + " (chat calls such as chatMessage, typing and chatEnd run on any node)");
        }
        return getEndpoint().getComponent().sessions().get(op.name(), sessionId);
    }

    private static String requiredSessionId(LiveAgentOperation op, Exchange exchange) {
        String sessionId = exchange.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("Header " + LiveAgentConstants.SESSION_ID + " is required for operation "
                                               + op.name()
                                               + ": set it to the session id that startChat or sessionId put in that header");
        }
        return sessionId;
    }

    private static void afterSessionCall(ChatSession session, Exchange exchange) {
        exchange.getMessage().setHeader(LiveAgentConstants.SESSION_ID, session.id());
        exchange.getMessage().setHeader(LiveAgentConstants.SESSION_STATE, session.state().name());
    }

    /** The body as a ChasitorInit (a ChasitorInit, a Map or JSON of that shape, or nothing) over the endpoint's defaults. */
    private ChasitorInit chasitorInit(LiveAgentOperation op, Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        ChasitorInit given;
        try {
            given = body == null || body instanceof String s && s.isBlank() ? null : LiveAgentJson.convertStrictly(body, ChasitorInit.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The body of " + op + " must be a ChasitorInit, a Map or JSON of that shape, or"
                                               + " empty; it was a " + body.getClass().getName() + " that does not fit: "
                                               + e.getMessage(), e);
        }
        LiveAgentConfiguration c = getEndpoint().getConfiguration();
        ChasitorInit defaults = ChasitorInit.builder()
                .organizationId(c.getOrganizationId())
                .deploymentId(c.getDeploymentId())
                .buttonId(c.getButtonId())
                .agentId(c.getAgentId())
                .visitorName(c.getVisitorName())
                .language(c.getLanguage())
                .userAgent(c.getUserAgent())
                .screenResolution(c.getScreenResolution())
                .receiveQueueUpdates(c.isReceiveQueueUpdates())
                .isPost(true)
                .build();
        ChasitorInit init = given == null ? defaults : given.mergeDefaults(defaults);
        checkId("organizationId", init.organizationId(), "00D");
        checkId("deploymentId", init.deploymentId(), "572");
        checkId("buttonId", init.buttonId(), "573");
        return init;
    }

    private void requireIds() {
        LiveAgentConfiguration c = getEndpoint().getConfiguration();
        // a ChasitorInit body may still bring them; only complain here about values that are present and malformed
        if (c.getOrganizationId() != null) {
            checkId("organizationId", c.getOrganizationId(), "00D");
        }
        if (c.getDeploymentId() != null) {
            checkId("deploymentId", c.getDeploymentId(), "572");
        }
        if (c.getButtonId() != null) {
            checkId("buttonId", c.getButtonId(), "573");
        }
    }

    private static void checkId(String option, String value, String prefix) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Option " + option + " is required (a Salesforce id starting " + prefix
                                               + "), on the endpoint, the component or in the ChasitorInit body");
        }
        if (!value.matches("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?")) {
            throw new IllegalArgumentException("Option " + option + " '" + value + "' is not a Salesforce id: expected 15 or 18"
                                               + " letters and digits, starting " + prefix);
        }
    }

    private static String requiredText(LiveAgentOperation op, Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("The body of " + op + " must be the message text; it was empty");
        }
        return text;
    }

    private static CustomEvent customEvent(LiveAgentOperation op, Exchange exchange) {
        String type = exchange.getMessage().getHeader(LiveAgentConstants.CUSTOM_EVENT_TYPE, String.class);
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("Header " + LiveAgentConstants.CUSTOM_EVENT_TYPE + " is required for " + op
                                               + ": the custom event's type; the body is its data");
        }
        return new CustomEvent(type, exchange.getMessage().getBody(String.class));
    }

    private static MultiNoun multiNoun(LiveAgentOperation op, Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body == null) {
            throw new IllegalArgumentException("The body of " + op + " must be a MultiNoun (or a Map or JSON"
                                               + " {\"nouns\":[{\"prefix\":…,\"noun\":…,\"object\":{…}}]})");
        }
        try {
            return LiveAgentJson.convertStrictly(body, MultiNoun.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The body of " + op + " does not fit MultiNoun {\"nouns\":[…]}: " + e.getMessage(), e);
        }
    }

    private CompletableFuture<?> breadcrumb(LiveAgentOperation op, Exchange exchange) {
        String location = exchange.getMessage().getBody(String.class);
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("The body of " + op + " must be the visitor's page URL");
        }
        ChatServer server = getEndpoint().server();
        LiveAgentRequest request = new LiveAgentRequest("POST", server, "Visitor/Breadcrumb", null, null, null, null,
                LiveAgentJson.write(new Breadcrumb(location)), getEndpoint().getConfiguration().getRequestTimeout());
        return getEndpoint().getComponent().client().send(request).thenApply(reply -> checked(op, reply));
    }

    /**
     * Uploads the body as the file of the agent's latest FileTransfer request (liveagent-api.md §2.2); the server
     * reports the outcome with a later FileTransfer event (Success or Failure).
     */
    private CompletableFuture<?> fileUpload(LiveAgentOperation op, Exchange exchange)
            throws LiveAgentException, SessionCallException {
        ChatSession session = session(op, exchange);
        byte[] content = exchange.getMessage().getBody(byte[].class);
        if (content == null) {
            throw new IllegalArgumentException("The body of " + op + " must be the file's bytes; it was empty");
        }
        String fileName = exchange.getMessage().getHeader(LiveAgentConstants.FILE_NAME,
                exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class), String.class);
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("Header " + LiveAgentConstants.FILE_NAME + " (or " + Exchange.FILE_NAME
                                               + ") is required for " + op + ": the name of the uploaded file");
        }
        String contentType = exchange.getMessage().getHeader(LiveAgentConstants.FILE_CONTENT_TYPE,
                exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "application/octet-stream", String.class),
                String.class);
        FileTransfer latest = session.latestFileTransfer();
        if (latest == null || !FileTransfer.REQUESTED.equals(latest.fileTransferType())) {
            String why = latest == null ? "the agent has not requested a file"
                    : FileTransfer.CANCELED.equals(latest.fileTransferType()) ? "the agent cancelled the file request"
                    : "the agent's latest file request is finished (FileTransfer " + latest.fileTransferType() + ")";
            throw new LiveAgentException(op.name(), session.id(), 0,
                    "no file upload is pending: " + why + "; upload after a FileTransfer event of type Requested");
        }
        if (latest.uploadServletUrl() == null || latest.fileToken() == null) {
            throw new LiveAgentException(op.name(), session.id(), 0,
                    "the agent's FileTransfer request carries no uploadServletUrl or fileToken");
        }
        FileUploadRequest upload = session.uploadRequest(latest, fileName, contentType, content,
                getEndpoint().getConfiguration().getRequestTimeout());
        checkUploadTarget(op, session, upload);
        return getEndpoint().getComponent().client().upload(upload).thenAccept(reply -> {
            if (!reply.isSuccess()) {
                throw new CompletionException(new LiveAgentException(op.name(), session.id(), reply.status(),
                        upload.describe() + " was refused"
                        + (reply.bodyExcerpt().isEmpty() ? "" : ": " + session.redact(upload.redact(reply.bodyExcerpt())))));
            }
            afterSessionCall(session, exchange);
        });
    }

    /** The query carries the chat key: never to plain http when the chat itself runs over https. */
    private void checkUploadTarget(LiveAgentOperation op, ChatSession session, FileUploadRequest upload)
            throws LiveAgentException {
        String scheme = upload.uploadServletUrl().getScheme();
        boolean chatOverHttps = "https".equals(getEndpoint().server().baseUri().getScheme());
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http") && !chatOverHttps)
            || upload.uploadServletUrl().getHost() == null) {
            throw new LiveAgentException(op.name(), session.id(), 0, "refused to upload to " + upload.describe()
                                                                     + ": the upload URL must be https (or http when the chat itself is)");
        }
    }

    private <T extends LiveAgentMessage> CompletableFuture<?> visitorGet(
            LiveAgentOperation op, Exchange exchange, String path, String query,
            Function<byte[], VisitorReply> reader, Class<T> type) {
        return visitorGet(op, path, query, reader, true).thenAccept(reply -> {
            exchange.getMessage().setBody(reply.first(type).orElse(null));
        });
    }

    private CompletableFuture<VisitorReply> visitorGet(LiveAgentOperation op, String path, String query,
                                                       Function<byte[], VisitorReply> reader, boolean mayFollow) {
        ChatServer server = getEndpoint().server();
        LiveAgentRequest request = new LiveAgentRequest("GET", server, path, query, null, null, null, null,
                getEndpoint().getConfiguration().getRequestTimeout());
        return getEndpoint().getComponent().client().send(request).thenCompose(reply -> {
            VisitorReply parsed = reader.apply(checked(op, reply).body());
            if (parsed.switchServer().isPresent() && mayFollow) {
                // the org lives elsewhere now: this call and every later one of this endpoint go to the new host
                ChatServer next;
                try {
                    next = server.switchTo(parsed.switchServer().get().newUrl());
                } catch (IllegalArgumentException refused) {
                    LOG.warn("{}: {}; the endpoint stays on {}", op, refused.getMessage(), server.baseUri());
                    throw new CompletionException(new LiveAgentException(op.name(), null, reply.status(), refused.getMessage()));
                }
                getEndpoint().switchServer(next);
                return visitorGet(op, path, query, reader, false);
            }
            return CompletableFuture.completedFuture(parsed);
        });
    }

    private static LiveAgentReply checked(LiveAgentOperation op, LiveAgentReply reply) {
        if (!reply.isSuccess()) {
            throw new CompletionException(new LiveAgentException(op.name(), null, reply.status(),
                    "the server refused the call" + (reply.bodyExcerpt().isEmpty() ? "" : ": " + reply.bodyExcerpt())));
        }
        return reply;
    }

    private String orgQuery() {
        LiveAgentConfiguration c = getEndpoint().getConfiguration();
        checkId("organizationId", c.getOrganizationId(), "00D");
        checkId("deploymentId", c.getDeploymentId(), "572");
        return "org_id=" + enc(c.getOrganizationId()) + "&deployment_id=" + enc(c.getDeploymentId());
    }

    private String ids(LiveAgentOperation op, Exchange exchange) {
        String ids = exchange.getMessage().getHeader(LiveAgentConstants.BUTTON_IDS, getEndpoint().getConfiguration().getButtonId(),
                String.class);
        if (ids == null || ids.isBlank()) {
            throw new IllegalArgumentException(op + " needs button or agent ids: set option buttonId or header "
                                               + LiveAgentConstants.BUTTON_IDS + " (comma-separated)");
        }
        return ids.replace(" ", "");
    }

    private boolean wantsWaitTime() {
        return Integer.parseInt(getEndpoint().server().apiVersion()) >= 47;
    }

    private String availabilityQuery(LiveAgentOperation op, Exchange exchange) {
        return orgQuery() + "&Availability.ids=" + enc(ids(op, exchange))
               + (wantsWaitTime() ? "&Availability.needEstimatedWaitTime=1" : "");
    }

    private String settingsQuery(LiveAgentOperation op, Exchange exchange) {
        return orgQuery() + "&Settings.buttonIds=" + enc(ids(op, exchange))
               + (wantsWaitTime() ? "&Settings.needEstimatedWaitTime=1" : "");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
