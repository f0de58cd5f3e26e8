package io.github.camelliveagent.emulator.http;

import io.github.camelliveagent.emulator.agent.Availability;
import io.github.camelliveagent.emulator.enhanced.http.EnhancedChatHttp;
import io.github.camelliveagent.emulator.fault.FaultSettings;
import io.github.camelliveagent.emulator.session.Outcome;
import io.github.camelliveagent.emulator.session.SessionRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.http.HttpServerRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The emulator's single non-blocking HTTP server: {@code /chat/rest/…} for the Chat REST API, {@code /iamessage/api/v2/…}
 * and {@code /eventrouter/v1/sse} for Enhanced Chat, {@code /emulator/…}
 * for the control API, {@code /emulator/console} for the agent console page, {@code /content/fileUpload} for agent-requested
 * file uploads, 404 for anything else.
 */
public final class EmulatorHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorHttpServer.class);

    private final Vertx vertx;
    private final Replies replies;
    private final ChatRestRouter chat;
    private final ControlApi control;
    private final ConsolePage console = new ConsolePage();
    private final FileUploadResource uploads;
    private final RequestIntake intake;
    private final EnhancedChatHttp enhanced;
    private HttpServer server;
    private volatile int boundPort = -1;
    private volatile String scheme = "http";

    /**
     * @param vertx             the Vert.x instance to serve on
     * @param registry          the sessions
     * @param availability      button/agent availability
     * @param globalFaults      faults for every call
     * @param clientPollTimeout announced by SessionId
     * @param baseUrl           the emulator's own base URL once listening
     * @param requestTimeout    how long a client may take to send a whole request (headers and body)
     * @param keepAliveTimeout  how long a connection may stay open without a request in progress
     * @param enhanced          the Enhanced Chat resources ({@code /iamessage/api/v2/…}, {@code /eventrouter/v1/sse})
     */
    public EmulatorHttpServer(Vertx vertx, SessionRegistry registry, Availability availability, FaultSettings globalFaults,
                              Duration clientPollTimeout, Supplier<String> baseUrl, Duration requestTimeout,
                              Duration keepAliveTimeout, EnhancedChatHttp enhanced) {
        this.vertx = vertx;
        this.intake = new RequestIntake(vertx, requestTimeout, keepAliveTimeout);
        this.replies = new Replies(vertx);
        this.chat = new ChatRestRouter(replies, globalFaults);
        new SystemResources(registry, clientPollTimeout).register(chat);
        new ChasitorResources(registry).register(chat);
        new VisitorResources(availability, globalFaults, baseUrl).register(chat);
        this.uploads = new FileUploadResource(registry, replies);
        this.enhanced = enhanced;
        this.control = new ControlApi(registry, enhanced.registry(), availability, globalFaults, replies);
    }

    /**
     * Starts listening; the future yields the bound port.
     *
     * @param tlsKeyStore a PKCS#12 key store with the server's key and certificate for https, or null for plain http
     * @param tlsPassword its password
     */
    public Future<Integer> listen(String host, int port, String tlsKeyStore, String tlsPassword) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                // HTTP/1.1 only: one long poll per connection, so "drop the poll's connection" drops just that poll
                .setHttp2ClearTextEnabled(false)
                .setAcceptBacklog(4096);
        if (tlsKeyStore != null) {
            options.setSsl(true).setKeyCertOptions(new PfxOptions().setPath(tlsKeyStore).setPassword(tlsPassword));
        }
        scheme = tlsKeyStore != null ? "https" : "http";
        server = vertx.createHttpServer(options)
                .connectionHandler(intake::opened)
                .requestHandler(req -> intake.take(req,
                        r -> r.path().equals(FileUploadResource.PATH) || EnhancedChatHttp.readsOwnBody(r), this::handle));
        return server.listen().map(s -> {
            boundPort = s.actualPort();
            return boundPort;
        });
    }

    /** Stops listening. */
    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest req, Buffer body) {
        try {
            dispatch(req, body);
        } catch (RuntimeException e) {
            // an emulator bug must still answer, or the client would hang until its own timeout
            LOG.error("Unexpected failure handling {} {}", req.method(), ChatRestRouter.safePath(req.path()), e);
            replies.send(req, Outcome.text(500, "Internal Server Error"), Duration.ZERO);
        }
    }

    private void dispatch(HttpServerRequest req, Buffer body) {
        String path = req.path();
        if (path.startsWith(ChatRestRouter.PREFIX)) {
            chat.handle(req, body);
            return;
        }
        if (EnhancedChatHttp.serves(path)) {
            enhanced.handle(req, body); // a file upload reads its own body: body is null then
            return;
        }
        if (path.equals(FileUploadResource.PATH)) {
            uploads.handle(req); // reads its own (multipart, larger) body: body is null here
            return;
        }
        boolean controls = path.equals(ControlApi.PREFIX) || path.startsWith(ControlApi.PREFIX + "/");
        String refused = controls ? ControlGuard.refusal(req, boundPort, scheme) : null;
        if (refused != null) {
            LOG.debug("{} {} refused: {}", req.method(), path, refused);
            replies.send(req, Outcome.text(403, refused), Duration.ZERO);
        } else if (console.serves(path)) {
            console.handle(req);
        } else if (controls) {
            control.handle(req, body);
        } else {
            replies.send(req, Outcome.text(404, "Not Found"), Duration.ZERO);
        }
    }
}
