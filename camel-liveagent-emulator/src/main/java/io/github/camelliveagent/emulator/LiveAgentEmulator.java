package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.agent.AgentBehaviour;
import io.github.camelliveagent.emulator.agent.AgentBehaviours;
import io.github.camelliveagent.emulator.agent.Availability;
import io.github.camelliveagent.emulator.enhanced.EnhancedChatSettings;
import io.github.camelliveagent.emulator.enhanced.EnhancedConversation;
import io.github.camelliveagent.emulator.enhanced.http.EnhancedChatHttp;
import io.github.camelliveagent.emulator.fault.FaultSettings;
import io.github.camelliveagent.emulator.fault.Faults;
import io.github.camelliveagent.emulator.http.EmulatorHttpServer;
import io.github.camelliveagent.emulator.http.VertxScheduler;
import io.github.camelliveagent.emulator.session.ChatSession;
import io.github.camelliveagent.emulator.session.AbandonedPolls;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SequenceModel;
import io.github.camelliveagent.emulator.session.SessionEnvironment;
import io.github.camelliveagent.emulator.session.QueueAdvance;
import io.github.camelliveagent.emulator.session.SessionRegistry;
import io.github.camelliveagent.emulator.session.VisitorIdleTimeout;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * An emulator of the visitor side of Salesforce's Live Agent / Chat REST API, served over real HTTP, and of its
 * successor's, Enhanced Chat (Messaging for In-App and Web v2: {@link #conversation}), on the same port.
 *
 * <pre>{@code
 * try (LiveAgentEmulator emu = LiveAgentEmulator.builder().holdTime(Duration.ofSeconds(2)).build().start()) {
 *     String hostForClients = emu.baseUrl();          // resources live under baseUrl() + "/chat/rest/"
 *     EmulatedSession s = emu.awaitSession(id, Duration.ofSeconds(5));
 *     s.accept("Ann");
 * }
 * }</pre>
 *
 * All long polls are parked on one Vert.x event loop; no thread is held per session or per poll.
 */
public final class LiveAgentEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveAgentEmulator.class);

    /** How long {@link #awaitSession} waits for a Live Agent session before it looks for a conversation again. */
    private static final Duration AWAIT_SLICE = Duration.ofMillis(20);

    private final String host;
    private final int requestedPort;
    private final Duration holdTime;
    private final Duration clientPollTimeout;
    private final AgentBehaviour agent;
    private final SequenceModel sequenceModel;
    private final VisitorIdleTimeout visitorIdleTimeout;
    private final QueueAdvance queueAdvance;
    private final AbandonedPolls abandonedPolls;
    private final Duration requestTimeout;
    private final Duration keepAliveTimeout;
    private final String tlsKeyStore;
    private final String tlsPassword;
    private final Availability availability = new Availability();
    private final EnhancedChatSettings enhancedChat;

    private Vertx vertx;
    private EmulatorHttpServer server;
    private SessionRegistry registry;
    private EnhancedChatHttp enhanced;
    private FaultSettings globalFaults;
    private volatile int port = -1;
    private long sweepTimer;

    private LiveAgentEmulator(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.holdTime = b.holdTime;
        this.clientPollTimeout = b.clientPollTimeout;
        this.agent = b.agent;
        this.abandonedPolls = b.abandonedPolls;
        this.requestTimeout = b.requestTimeout;
        this.keepAliveTimeout = b.keepAliveTimeout;
        // read at build time, so that a whole test suite can be re-run under the other reading with -D
        this.visitorIdleTimeout = b.visitorIdleTimeout;
        this.queueAdvance = b.queueAdvance;
        this.sequenceModel = b.sequenceModel != null ? b.sequenceModel : SequenceModel.fromSystemProperty();
        this.tlsKeyStore = b.tlsKeyStore;
        this.tlsPassword = b.tlsPassword;
        this.enhancedChat = b.enhancedChat;
    }

    /** A builder with the defaults: 127.0.0.1, a free port, 30 s hold, 40 s client poll timeout, no agent. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds the HTTP server and returns this once it is listening. */
    public synchronized LiveAgentEmulator start() {
        if (vertx != null) {
            throw new IllegalStateException("already started");
        }
        // one event loop serves every connection and held poll; no worker threads are ever needed
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        VertxScheduler scheduler = new VertxScheduler(vertx);
        SessionRegistry[] holder = new SessionRegistry[1];
        EnhancedChatHttp[] enhancedHolder = new EnhancedChatHttp[1];
        globalFaults = new FaultSettings(
                // a server hand-over moves live chats; sessions already over have nothing to hand over
                () -> holder[0].forEach(s -> {
                    if (!s.ended()) {
                        s.faults().handover();
                    }
                }),
                () -> {
                    holder[0].forEach(s -> s.faults().expire());
                    enhancedHolder[0].expireAllTokens();
                },
                url -> { }, // globally SwitchServer is answered by Visitor/Availability; see VisitorResources
                () -> enhancedHolder[0].dropAllStreams());
        SessionEnvironment env = new SessionEnvironment(scheduler, holdTime, clientPollTimeout, availability,
                globalFaults, agent, this::baseUrl, sequenceModel, visitorIdleTimeout,
                queueAdvance, abandonedPolls);
        registry = new SessionRegistry(env);
        holder[0] = registry;
        enhanced = new EnhancedChatHttp(vertx, scheduler, enhancedChat, agent, globalFaults, this::baseUrl);
        enhancedHolder[0] = enhanced;
        server = new EmulatorHttpServer(vertx, registry, availability, globalFaults, clientPollTimeout, this::baseUrl,
                requestTimeout, keepAliveTimeout, enhanced);
        try {
            port = server.listen(host, requestedPort, tlsKeyStore, tlsPassword).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            vertx = null;
            throw new IllegalStateException("could not listen on " + host + ":" + requestedPort + ": " + e.getMessage(), e);
        }
        long period = Math.max(20, Math.min(1000, clientPollTimeout.toMillis() / 10));
        sweepTimer = vertx.setPeriodic(period, t -> registry.sweep());
        // debug: the standalone jar prints its own banner, and the line must not appear twice there
        LOG.debug("Live Agent emulator listening on {}", baseUrl());
        return this;
    }

    /** Stops the server and releases its threads. Idempotent. Blocks: do not call it from an agent callback. */
    public synchronized void stop() {
        if (vertx == null) {
            return;
        }
        vertx.cancelTimer(sweepTimer);
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Emulator did not stop cleanly: {}", e.toString());
        } finally {
            vertx = null;
        }
        LOG.info("Live Agent emulator on port {} stopped", port);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * {@code http://HOST:PORT} ({@code https://} when started with {@link Builder#tls}): what a client configures as its
     * Live Agent host; resources are under {@code /chat/rest/}.
     */
    public String baseUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            h = "127.0.0.1"; // a wildcard bind is reachable on loopback; "0.0.0.0" is no address to connect to
        }
        return (tlsKeyStore != null ? "https://" : "http://") + h + ":" + port;
    }

    /** {@code baseUrl() + "/emulator"}: the HTTP control API. */
    public String controlUrl() {
        return baseUrl() + "/emulator";
    }

    /** The bound port (-1 before start). */
    public int port() {
        return port;
    }

    /** The long-poll hold time. */
    public Duration holdTime() {
        return holdTime;
    }

    /** What a Messages reply's {@code sequence} counts. */
    public SequenceModel sequenceModel() {
        return sequenceModel;
    }

    /** What happens to a held poll whose client closed the connection. */
    public AbandonedPolls abandonedPolls() {
        return abandonedPolls;
    }

    /** The client poll timeout announced by SessionId and enforced by expiry. */
    public Duration clientPollTimeout() {
        return clientPollTimeout;
    }

    /** All sessions ever created, in creation order (ended ones included). */
    public Collection<EmulatedSession> sessions() {
        return List.copyOf(requireStarted().all());
    }

    /**
     * The session with this id, or the Enhanced Chat conversation with this conversation id;
     * {@link IllegalArgumentException} if there is neither.
     */
    public EmulatedSession session(String sessionId) {
        ChatSession s = requireStarted().byId(sessionId);
        if (s == null) {
            EnhancedConversation c = enhanced.registry().byId(sessionId);
            if (c != null) {
                return c;
            }
            throw new IllegalArgumentException("no session with id " + sessionId);
        }
        return s;
    }

    /** The Enhanced Chat settings (org id, deployment name, token lifetime, …). */
    public EnhancedChatSettings enhancedChat() {
        return enhancedChat;
    }

    /** {@code baseUrl()}: Enhanced Chat's SCRT2 URL, resources under {@code /iamessage/api/v2/}, the stream at {@code /eventrouter/v1/sse}. */
    public String scrtUrl() {
        return baseUrl();
    }

    /** All Enhanced Chat conversations ever created, in creation order (closed ones included). */
    public List<EnhancedConversation> conversations() {
        requireStarted();
        return List.copyOf(enhanced.registry().all());
    }

    /** The Enhanced Chat conversation with this id; {@link IllegalArgumentException} if there is none. */
    public EnhancedConversation conversation(String conversationId) {
        requireStarted();
        EnhancedConversation c = enhanced.registry().byId(conversationId);
        if (c == null) {
            throw new IllegalArgumentException("no conversation with id " + conversationId);
        }
        return c;
    }

    /** Waits until a client has created the conversation with this id; {@link IllegalStateException} on timeout. */
    public EnhancedConversation awaitConversation(String conversationId, Duration timeout) {
        requireStarted();
        try {
            EnhancedConversation c = enhanced.registry().await(conversationId, timeout);
            if (c == null) {
                throw new IllegalStateException("no conversation with id " + conversationId + " within " + timeout);
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for conversation " + conversationId, e);
        }
    }

    /** Waits until at least {@code count} conversations exist and returns the first {@code count} in creation order. */
    public List<EnhancedConversation> awaitConversations(int count, Duration timeout) {
        requireStarted();
        try {
            var list = enhanced.registry().awaitCount(count, timeout);
            if (list == null) {
                throw new IllegalStateException("fewer than " + count + " conversations within " + timeout);
            }
            return List.copyOf(list);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for conversations", e);
        }
    }

    /**
     * Waits until a client has created the session (Live Agent) or the conversation (Enhanced Chat) with this id;
     * {@link IllegalStateException} on timeout.
     */
    public EmulatedSession awaitSession(String sessionId, Duration timeout) {
        requireStarted();
        try {
            // either API's registry may be the one that gets it: wait on Live Agent's in short slices and look at
            // Enhanced Chat's between them, so that one call finds a session or a conversation, as session(id) does
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                EnhancedConversation c = enhanced.registry().byId(sessionId);
                if (c != null) {
                    return c;
                }
                long left = deadline - System.nanoTime();
                ChatSession s = requireStarted().await(sessionId,
                        Duration.ofNanos(Math.max(0, Math.min(left, AWAIT_SLICE.toNanos()))));
                if (s != null) {
                    return s;
                }
                if (left <= 0) {
                    throw new IllegalStateException("no session with id " + sessionId + " within " + timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for session " + sessionId, e);
        }
    }

    /**
     * Waits until at least {@code count} sessions exist and returns the first {@code count} in creation order;
     * handy when the client, not the test, knows the session id.
     */
    public List<EmulatedSession> awaitSessions(int count, Duration timeout) {
        try {
            List<ChatSession> list = requireStarted().awaitCount(count, timeout);
            if (list == null) {
                throw new IllegalStateException("fewer than " + count + " sessions within " + timeout);
            }
            return List.copyOf(list);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sessions", e);
        }
    }

    /** Marks a button or agent id (un)available for Availability, Settings and ChasitorInit. Default: available. */
    public void setAvailable(String buttonOrAgentId, boolean available) {
        availability.set(Objects.requireNonNull(buttonOrAgentId, "buttonOrAgentId"), available);
    }

    /** Makes every button and agent available again. */
    public void resetAvailability() {
        availability.reset();
    }

    /** Faults for every session and for the Visitor resources. */
    public Faults faults() {
        requireStarted();
        return globalFaults;
    }

    private SessionRegistry requireStarted() {
        if (registry == null) {
            throw new IllegalStateException("emulator not started");
        }
        return registry;
    }

    /** Configures a {@link LiveAgentEmulator}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Duration holdTime = Duration.ofSeconds(30);
        private Duration clientPollTimeout = Duration.ofSeconds(40);
        private AgentBehaviour agent = AgentBehaviours.none();
        private SequenceModel sequenceModel;
        private VisitorIdleTimeout visitorIdleTimeout;
        private QueueAdvance queueAdvance;
        private AbandonedPolls abandonedPolls = AbandonedPolls.RELEASE;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration keepAliveTimeout = Duration.ofSeconds(60);
        private String tlsKeyStore;
        private String tlsPassword;
        private EnhancedChatSettings enhancedChat = EnhancedChatSettings.defaults();

        private Builder() {
        }

        /**
         * How the Enhanced Chat side behaves (it is always served, next to Live Agent); default
         * {@link EnhancedChatSettings#defaults()}.
         */
        public Builder enhancedChat(EnhancedChatSettings settings) {
            this.enhancedChat = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Serves https with the key and certificate of this PKCS#12 key store (e.g. made with {@code keytool
         * -genkeypair -storetype PKCS12 -ext SAN=ip:127.0.0.1}), so that a client's TLS settings can be tested as they
         * will meet Salesforce's https endpoint.
         */
        public Builder tls(java.nio.file.Path pkcs12KeyStore, String password) {
            this.tlsKeyStore = Objects.requireNonNull(pkcs12KeyStore, "pkcs12KeyStore").toAbsolutePath().toString();
            this.tlsPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Interface to bind; default loopback {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port to bind; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** How long a Messages poll is held before 204; default 30 s. */
        public Builder holdTime(Duration holdTime) {
            this.holdTime = positive(holdTime, "holdTime");
            return this;
        }

        /** Poll gap after which a session expires (also announced by SessionId); default 40 s. */
        public Builder clientPollTimeout(Duration clientPollTimeout) {
            this.clientPollTimeout = positive(clientPollTimeout, "clientPollTimeout");
            return this;
        }

        /** The simulated agent; default none (tests drive the agent through {@link EmulatedSession}). */
        public Builder agent(AgentBehaviour behaviour) {
            this.agent = Objects.requireNonNull(behaviour, "behaviour");
            return this;
        }

        /**
         * What a Messages reply's {@code sequence} counts (spec §3.2 leaves it open). Not set: the system property
         * {@value SequenceModel#PROPERTY} ({@code event-index} or {@code reply-counter}), else event-index.
         */
        public Builder sequenceModel(SequenceModel model) {
            this.sequenceModel = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * A queue that moves on its own, off by default (then every routed chat is told position 1 and moves only by
         * {@link EmulatedSession#queueUpdate}): a routed chat starts at {@code startPosition} and moves up one place
         * every {@code every} with a {@code QueueUpdate}, down to position 1.
         */
        public Builder queueAdvance(int startPosition, Duration every) {
            this.queueAdvance = new QueueAdvance(startPosition, every);
            return this;
        }

        /**
         * The button's customer time-out (spec §5.2), off by default: ChatEstablished and ChatTransferred announce
         * {@code chasitorIdleTimeout {isEnabled: true, warningTime, timeout}}, and a chat whose visitor did nothing for
         * {@code timeout} ends with {@code ChatEnded {reason: clientIdleTimeout}}. Whole seconds, warningTime &lt; timeout.
         */
        public Builder visitorIdleTimeout(Duration warningTime, Duration timeout) {
            this.visitorIdleTimeout = new VisitorIdleTimeout(warningTime, timeout);
            return this;
        }

        /**
         * What happens to a held Messages poll whose client closed the connection: {@link AbandonedPolls#RELEASE}
         * (default) frees the slot at once; {@link AbandonedPolls#HOLD} keeps it until the server would have
         * answered, so a new poll before then is a duplicate (409, chat over).
         */
        public Builder abandonedPolls(AbandonedPolls policy) {
            this.abandonedPolls = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How long a client may take to send a whole request, headers and body, on a new or idle connection (default
         * 10 s): then the connection is closed (408 if the headers had arrived). A held poll is not affected.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** How long a connection may stay open without a request in progress before it is closed (default 60 s). */
        public Builder keepAliveTimeout(Duration timeout) {
            this.keepAliveTimeout = positive(timeout, "keepAliveTimeout");
            return this;
        }

        /**
         * The configured, not yet started emulator; {@link IllegalArgumentException} naming the system property
         * when no sequence model was set and {@value SequenceModel#PROPERTY} holds an invalid value.
         */
        public LiveAgentEmulator build() {
            return new LiveAgentEmulator(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
