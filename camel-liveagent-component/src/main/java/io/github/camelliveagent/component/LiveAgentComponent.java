package io.github.camelliveagent.component;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.session.SessionEnd;
import io.github.camelliveagent.component.session.Timer;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.service.ServiceHelper;

import javax.net.ssl.SSLContext;

import io.github.camelliveagent.component.client.HttpClient5LiveAgentClient;
import io.github.camelliveagent.component.enhanced.ConversationStore;
import io.github.camelliveagent.component.enhanced.EnhancedChat;
import io.github.camelliveagent.component.enhanced.FileConversationStore;
import io.github.camelliveagent.component.enhanced.client.EnhancedChatSettings;
import io.github.camelliveagent.component.enhanced.client.MessagingHttp;
import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.observe.LiveAgentHealthCheck;
import io.github.camelliveagent.component.observe.LiveAgentStatistics;
import io.github.camelliveagent.component.observe.MicrometerBinding;
import io.github.camelliveagent.component.observe.ObservedLiveAgentClient;
import io.github.camelliveagent.component.poll.Dispatcher;
import io.github.camelliveagent.component.poll.Poller;
import io.github.camelliveagent.component.session.ChatSession;
import io.github.camelliveagent.component.session.Handover;
import io.github.camelliveagent.component.session.store.SessionPersister;
import io.github.camelliveagent.component.session.SessionSettings;
import io.github.camelliveagent.component.session.SessionState;
import io.github.camelliveagent.component.session.store.FileSessionStore;
import io.github.camelliveagent.component.session.store.InMemorySessionStore;
import io.github.camelliveagent.component.session.SessionSnapshot;
import io.github.camelliveagent.component.session.store.SessionStore;
import io.github.camelliveagent.component.client.ChatServer;
import io.github.camelliveagent.component.session.SessionRegistry;
import io.github.camelliveagent.component.cluster.ClusterCoordinator;
import io.github.camelliveagent.component.cluster.ClusterHost;
import io.github.camelliveagent.component.cluster.NodeRoster;
import io.github.camelliveagent.component.cluster.ShardOwnership;
import io.github.camelliveagent.component.cluster.SharedOutboxTable;
import io.github.camelliveagent.component.session.store.JdbcSessionStore;
import io.github.camelliveagent.component.session.store.SharedSessionStore;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.support.cluster.ClusterServiceHelper;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.util.ObjectHelper;
import org.apache.hc.core5.http.HttpHost;

/**
 * The {@code liveagent} component: holds the chat sessions of a CamelContext, the one asynchronous HTTP client they
 * share, their poll loops and the dispatcher that hands their events to {@code liveagent:messages} consumers.
 */
@Component("liveagent")
public class LiveAgentComponent extends HealthCheckComponent implements SSLContextParametersAware {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveAgentComponent.class);

    @Metadata(label = "advanced",
              description = "The options every endpoint starts from; an endpoint URI overrides them one by one.")
    private LiveAgentConfiguration configuration = new LiveAgentConfiguration();

    @Metadata(label = "security",
              description = "TLS settings (trust store, key store, protocols) for the https connections to the Chat API.")
    private SSLContextParameters sslContextParameters;

    @Metadata(label = "security", defaultValue = "false",
              description = "Use the CamelContext's global SSLContextParameters when sslContextParameters is not set.")
    private boolean useGlobalSslContextParameters;

    @Metadata(label = "proxy", description = "Host of an HTTP proxy for every call to the Chat API; needs proxyPort.")
    private String proxyHost;

    @Metadata(label = "proxy", description = "Port of the HTTP proxy (1 to 65535); required with proxyHost.")
    private Integer proxyPort;

    @Metadata(label = "advanced", defaultValue = "10000",
              description = "Connections at most, across all sessions; each open session holds one for its long poll.")
    private int maxConnections = 10_000;

    @Metadata(label = "advanced", defaultValue = "0",
              description = "I/O threads of the HTTP client; 0 means one per core. They hold every session's poll.")
    private int ioThreads;

    @Metadata(label = "advanced", defaultValue = "4194304",
              description = "The largest response body accepted, in bytes; a larger one fails its call (a poll then"
                            + " counts as failed and is retried, and the session ends if it keeps coming).")
    private int maxResponseSize = HttpClient5LiveAgentClient.DEFAULT_MAX_RESPONSE_SIZE;

    @Metadata(label = "consumer,advanced", defaultValue = "10",
              description = "Threads that run consumer routes for incoming events. Events of one session are processed"
                            + " one after another; different sessions in parallel.")
    private int consumerThreads = 10;

    @Metadata(label = "advanced", autowired = true,
              description = "A custom HTTP seam to the Chat API, for example to trace calls; by default Apache HttpClient 5"
                            + " asynchronous.")
    private LiveAgentClient client;

    @Metadata(label = "advanced",
              description = "Where sessions are kept so that a restarted application resumes its chats: a SessionStore"
                            + " bean (e.g. a JdbcSessionStore). By default sessions live in memory, or in files when"
                            + " sessionStoreDirectory is set.")
    private SessionStore sessionStore;

    @Metadata(label = "advanced",
              description = "Where Enhanced Chat conversations are kept so that a restarted application resumes them: a"
                            + " ConversationStore bean (e.g. a JdbcConversationStore). By default they are kept in files"
                            + " next to the sessions when sessionStoreDirectory is set, else only in memory.")
    private ConversationStore conversationStore;

    @Metadata(label = "advanced",
              description = "A directory for a FileSessionStore (one node): sessions survive a restart of the application."
                            + " Needs sessionStoreSecret.")
    private String sessionStoreDirectory;

    @Metadata(label = "advanced,security", secret = true,
              description = "The secret (16 characters or more) that encrypts session keys in a file session store;"
                            + " the same secret must be given after a restart. With Camel Main take it from the environment"
                            + " with {{env:NAME}}; a value still holding a placeholder (${...} or {{...}}) is refused.")
    private String sessionStoreSecret;

    @Metadata(label = "advanced",
              description = "A DataSource for a JdbcSessionStore (tables LIVEAGENT_SESSIONS and, with a cluster service,"
                            + " LIVEAGENT_OUTBOX, created when missing): sessions survive a restart, and nodes of a"
                            + " cluster share their chats. Needs sessionStoreSecret.")
    private javax.sql.DataSource sessionStoreDataSource;

    @Metadata(label = "cluster", autowired = true,
              description = "The Camel cluster service (file lock, ZooKeeper, Kubernetes leases, Consul, ...) through"
                            + " which the nodes of a cluster agree which node owns which chats; with a shared session"
                            + " store (sessionStoreDataSource) it makes chats survive the loss of a node. When not set, one"
                            + " the CamelContext holds is used if the session store is shared.")
    private CamelClusterService clusterService;

    @Metadata(label = "cluster", defaultValue = "16",
              description = "How many shards the chats are spread over; each shard is owned by one node at a time and"
                            + " moves as a whole. Every node of a cluster must use the same number (1 to 1024).")
    private int clusterShards = 16;

    @Metadata(label = "cluster", defaultValue = "liveagent",
              description = "The prefix of the cluster namespaces of the shards (namespace-0, namespace-1, ...); two"
                            + " clusters sharing one cluster service need different prefixes.")
    private String clusterNamespace = "liveagent";

    @Metadata(label = "cluster", defaultValue = "200", javaType = "java.time.Duration",
              description = "How often a node looks in the shared outbox for calls other nodes made on its chats, and"
                            + " for the outcome of its own calls on theirs.")
    private long clusterPollInterval = 200;

    @Metadata(label = "cluster", defaultValue = "true",
              description = "Whether the nodes spread the shards evenly: a node that owns more than its share (the"
                            + " shards divided by the nodes alive, as they note themselves in table LIVEAGENT_NODES) gives"
                            + " one up every few seconds. Turn it off when the cluster service balances leadership itself"
                            + " (e.g. Camel's RebalancingCamelClusterService on Kubernetes).")
    private boolean clusterBalance = true;

    @Metadata(label = "cluster", defaultValue = "500", javaType = "java.time.Duration",
              description = "How long a node that comes to own a shard waits before it polls the shard's chats, so that"
                            + " the server has seen the previous owner's polls closed (a second poll at once would end"
                            + " the chat: 409). A server that holds a poll whose connection closed until its hold time"
                            + " needs the hold time here.")
    private long clusterTakeoverDelay = 500;

    @Metadata(label = "consumer,advanced", defaultValue = "0", javaType = "java.time.Duration",
              description = "The least time between the sending of two Messages polls of one chat (at most 10s). A"
                            + " poll the server answers sooner waits out the rest before the next one goes, so a busy"
                            + " chat's events pile up on the server and arrive several to a reply: fewer round trips"
                            + " and less CPU per event, for up to this much more latency on such chats. A chat whose"
                            + " poll the server holds for at least this long (the usual case: people type slower) is"
                            + " not slowed down. 0 polls again as soon as a reply is processed, as the API's guide"
                            + " recommends.")
    private long minPollInterval;

    @Metadata(label = "advanced", defaultValue = "5m", javaType = "java.time.Duration",
              description = "How long an ended session stays known, so that a late operation on it fails with"
                            + " \"the chat has ended\" rather than \"no such session\". Ended sessions are swept"
                            + " from memory by one periodic task.")
    private long endedSessionRetention = 5 * 60_000L;

    /** The largest minPollInterval: well inside any clientPollTimeout, after which the server ends an unpolled chat. */
    static final long MAX_MIN_POLL_INTERVAL_MS = 10_000;

    private final LiveAgentStatistics statistics = new LiveAgentStatistics();
    private String name = "liveagent";
    private LiveAgentHealthCheck producerHealthCheck;
    private WritableHealthCheckRepository producerHealthChecks;
    private boolean metricsBound;
    private LiveAgentClient observedClient;
    private boolean ownsClient;
    private ExecutorService storeWriter;
    private SessionPersister persister;
    private ScheduledExecutorService timerExecutor;
    private ExecutorService dispatchExecutor;
    private ExecutorService producerExecutor;
    private Dispatcher dispatcher;
    private Poller poller;
    private Handover handover;
    private SessionRegistry sessions;
    private EnhancedChat enhancedChat;
    private ExecutorService clusterExecutor;
    private ClusterCoordinator cluster;

    public LiveAgentComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (ObjectHelper.isEmpty(remaining)) {
            throw new IllegalArgumentException(
                    "The liveagent URI needs an operation, e.g. liveagent:startChat; valid operations are: "
                                               + LiveAgentOperation.names());
        }
        LiveAgentOperation operation = LiveAgentOperation.parse(remaining, "the URI " + uri);
        LiveAgentEndpoint endpoint = new LiveAgentEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (maxResponseSize < 1024) {
            throw new IllegalArgumentException("Option maxResponseSize must be at least 1024 bytes, was " + maxResponseSize);
        }
        if (endedSessionRetention < 0) {
            throw new IllegalArgumentException("Option endedSessionRetention must not be negative, was "
                                               + endedSessionRetention + " ms");
        }
        if (minPollInterval < 0 || minPollInterval > MAX_MIN_POLL_INTERVAL_MS) {
            // the server ends a chat nobody polls for its clientPollTimeout (tens of seconds)
            throw new IllegalArgumentException("Option minPollInterval must be between 0 and "
                                               + MAX_MIN_POLL_INTERVAL_MS + " ms, was " + minPollInterval + " ms");
        }
        if (consumerThreads < 1) {
            throw new IllegalArgumentException("Option consumerThreads must be at least 1, was " + consumerThreads);
        }
        SSLContextParameters ssl = sslContextParameters != null
                ? sslContextParameters
                : useGlobalSslContextParameters ? retrieveGlobalSslContextParameters() : null;
        SSLContext sslContext = ssl != null ? ssl.createSSLContext(getCamelContext()) : null;
        HttpHost proxy = proxy(proxyHost, proxyPort);
        if (client == null) {
            client = new HttpClient5LiveAgentClient(ioThreads, maxConnections, configuration.getConnectTimeout(),
                    sslContext, proxy, maxResponseSize);
            ownsClient = true;
        }
        observedClient = new ObservedLiveAgentClient(client, statistics);
        // none of these may reject a task or run it on the caller (Camel's default profile does both): a rejected
        // timer task is a silently dead chat, and a caller-run route would run on an HTTP I/O thread
        ExecutorServiceManager threads = getCamelContext().getExecutorServiceManager();
        timerExecutor = threads.newScheduledThreadPool(this, "LiveAgentTimer", unbounded("LiveAgentTimer", 1));
        dispatchExecutor = threads.newThreadPool(this, "LiveAgentConsumer", unbounded("LiveAgentConsumer", consumerThreads));
        // producer exchanges continue here once the server answered, so that routes never run on I/O threads
        producerExecutor = threads.newThreadPool(this, "LiveAgentProducer",
                unbounded("LiveAgentProducer", Math.max(2, Runtime.getRuntime().availableProcessors())));
        storeWriter = threads.newThreadPool(this, "LiveAgentSessionStore", unbounded("LiveAgentSessionStore", 1));
        Timer timer = new Timer(timerExecutor, this::isRunAllowed);

        dispatcher = new Dispatcher(dispatchExecutor, statistics);
        if (sessionStore == null) {
            sessionStore = sessionStoreDataSource != null
                    ? new JdbcSessionStore(sessionStoreDataSource, "LIVEAGENT_SESSIONS", sessionStoreSecret)
                    : sessionStoreDirectory != null
                            ? new FileSessionStore(Path.of(sessionStoreDirectory), sessionStoreSecret)
                            : new InMemorySessionStore();
        }
        persister = new SessionPersister(sessionStore, storeWriter);
        poller = new Poller(observedClient, dispatcher, timer, statistics);
        poller.setMinPollInterval(minPollInterval);
        handover = new Handover(observedClient, timer, poller, statistics);
        sessions = new SessionRegistry(observedClient, timer, new ComponentSessions(),
                java.time.Duration.ofMillis(endedSessionRetention));
        ServiceHelper.startService(persister, dispatcher, poller);
        startCluster(timer);
        // Enhanced Chat (api=enhancedChat): its own HTTP client, made when its first conversation starts
        long connectTimeout = configuration.getConnectTimeout();
        // with a session store directory its conversations are kept there too (one file each, the token encrypted)
        ConversationStore conversationStore = this.conversationStore != null ? this.conversationStore
                : sessionStoreDirectory != null ? new FileConversationStore(Path.of(sessionStoreDirectory), sessionStoreSecret)
                : ConversationStore.NONE;
        enhancedChat = new EnhancedChat(() -> new MessagingHttp(ioThreads, maxConnections, connectTimeout, sslContext, proxy,
                maxResponseSize), dispatcher, timer, endedSessionRetention, conversationStore, storeWriter, statistics);
        timer.every(sessions::sweep, Math.max(10, Math.min(endedSessionRetention / 4, 10_000)));

        name = registeredName();
        // as Camel's components do: optional, through the producers repository (off unless camel.health.producersEnabled)
        producerHealthChecks = HealthCheckHelper.getHealthCheckRepository(getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (producerHealthChecks != null) {
            producerHealthCheck = newHealthCheck("producer:" + name);
            producerHealthCheck.setEnabled(isHealthCheckProducerEnabled());
            producerHealthChecks.addHealthCheck(producerHealthCheck);
        }
        if (!metricsBound) {
            metricsBound = MicrometerBinding.bindIfPresent(getCamelContext(), name, statistics, this::sessionsByState);
        }
        if (cluster != null) {
            // only once every route is up: the chats of the shards this node comes to own need their consumers
            getCamelContext().addStartupListener(new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                    ServiceHelper.startService(cluster);
                }
            });
        } else if (sessionStore.isPersistent() || conversationStore.isPersistent()) {
            // only once every route is up: a restored session's events must find their consumers
            getCamelContext().addStartupListener(new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                    restoreSessions();
                    restoreConversations();
                }
            });
        }
    }

    /**
     * High availability, when the session store is shared and a cluster service is at hand: the chats are spread over
     * shards that the cluster service's elections give to one node at a time.
     */
    private void startCluster(Timer timer) throws Exception {
        if (!(sessionStore instanceof SharedSessionStore shared)) {
            if (clusterService != null) {
                // the option is autowired: a cluster service the application keeps for other things (a master route)
                // does not make this component a cluster node without a store to share
                LOG.info("Cluster service {} is not used: high availability needs a session store the nodes share (set"
                         + " sessionStoreDataSource and sessionStoreSecret); the session store is {}", clusterService,
                        sessionStore);
            }
            return;
        }
        CamelClusterService service = clusterService != null ? clusterService
                : ClusterServiceHelper.lookupService(getCamelContext()).orElse(null);
        if (service == null) {
            LOG.debug("No cluster service: the shared session store {} serves this node alone", sessionStore);
            return;
        }
        if (clusterShards < 1 || clusterShards > 1024) {
            throw new IllegalArgumentException("Option clusterShards must be from 1 to 1024, was " + clusterShards);
        }
        if (clusterNamespace == null || !clusterNamespace.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("Option clusterNamespace must be 1 to 100 letters, digits, '.', '_' or '-',"
                                               + " was '" + clusterNamespace + "'");
        }
        if (clusterTakeoverDelay < 0) {
            throw new IllegalArgumentException("Option clusterTakeoverDelay must not be negative, was "
                                               + clusterTakeoverDelay + " ms");
        }
        if (clusterPollInterval < 10) {
            throw new IllegalArgumentException("Option clusterPollInterval must be at least 10 ms, was "
                                               + clusterPollInterval + " ms");
        }
        clusterExecutor = getCamelContext().getExecutorServiceManager().newThreadPool(this, "LiveAgentCluster",
                unbounded("LiveAgentCluster", 1));
        ExecutorService executor = clusterExecutor;
        SharedOutboxTable outbox = new SharedOutboxTable(shared.dataSource(), "LIVEAGENT_OUTBOX");
        NodeRoster roster = new NodeRoster(shared.dataSource(), "LIVEAGENT_NODES");
        String nodeId = (service.getId() != null ? service.getId() : name) + "-" + java.util.UUID.randomUUID();
        cluster = new ClusterCoordinator(shared, outbox, clusterBalance ? roster : null, nodeId, new ClusterChats(),
                executor, timer, clusterTakeoverDelay, statistics,
                listener -> new ShardOwnership(getCamelContext(), service, clusterNamespace, clusterShards, executor,
                        listener));
        // with a shared store a successor must never find an older ack than the server heard
        poller.setBeforeAck(persister::durable);
        timer.every(cluster::tick, clusterPollInterval);
        LOG.info("High availability: {} shards in cluster namespaces {}-*, shared store {}, cluster service {}",
                clusterShards, clusterNamespace, sessionStore, service);
    }

    /** The chats of this node, as the cluster coordinator takes them over and gives them up. */
    private final class ClusterChats implements ClusterHost {
        @Override
        public int resume(java.util.List<SessionSnapshot> saved) {
            return resumeSessions(saved);
        }

        @Override
        public java.util.Collection<ChatSession> held() {
            return sessions.all();
        }

        @Override
        public ChatSession find(String sessionId) {
            return sessions.find(sessionId);
        }

        @Override
        public void release(ChatSession session) {
            sessions.release(session);
            persister.forget(session.id());
        }
    }

    /** The proxy of proxyHost and proxyPort: both or neither, never a guessed port. */
    static HttpHost proxy(String host, Integer port) {
        boolean hasHost = host != null && !host.isBlank();
        if (!hasHost && port == null) {
            return null;
        }
        if (!hasHost) {
            throw new IllegalArgumentException("Option proxyPort (" + port + ") is set without proxyHost: set proxyHost to"
                                               + " the proxy's host name, or remove proxyPort");
        }
        if (port == null) {
            throw new IllegalArgumentException("Option proxyPort is required with proxyHost '" + host
                                               + "': the port of the HTTP proxy, e.g. 3128");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Option proxyPort must be a port from 1 to 65535, was " + port);
        }
        return new HttpHost(host.trim(), port);
    }

    /**
     * A fixed pool whose queue takes whatever comes. The bound is Integer.MAX_VALUE rather than -1: Camel's thread pool
     * factory gives a SynchronousQueue for -1, which with the Abort policy rejects as soon as every thread is busy.
     */
    private static ThreadPoolProfile unbounded(String name, int threads) {
        return new ThreadPoolProfileBuilder(name).poolSize(threads).maxPoolSize(threads).maxQueueSize(Integer.MAX_VALUE)
                .allowCoreThreadTimeOut(false).rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build();
    }

    /** What the component does with its sessions' life: polls, hand-overs, persistence, and telling the routes. */
    private final class ComponentSessions implements SessionRegistry.SessionListener {
        @Override
        public void opened(ChatSession session) {
            statistics.sessionOpened();
            if (cluster == null || cluster.opened(session)) {
                poller.start(session);
            }
        }

        @Override
        public void serviceUnavailable(ChatSession session) {
            handover.begin(session);
        }

        @Override
        public void resyncDue(ChatSession session) {
            handover.resync(session);
        }

        @Override
        public void changed(ChatSession session) {
            persister.changed(session);
        }

        @Override
        public void localEvent(ChatSession session, LiveAgentMessage message) {
            poller.deliverLocal(session, message);
        }

        @Override
        public void ended(ChatSession session) {
            sessionEnded(session);
        }

        @Override
        public void evicted(ChatSession session) {
            poller.forget(session);
            persister.forget(session.id());
        }
    }

    /**
     * Every way a session ends comes here once: the routes get a final ChatEnded when the server did not send one, a
     * lost session is counted, logged once and reported to the consumers' exception handlers.
     */
    private void sessionEnded(ChatSession session) {
        SessionEnd end = session.end();
        boolean lost = end != null && end.kind() == SessionEnd.Kind.LOST;
        if (lost) {
            statistics.sessionLost();
            LOG.warn("Session {} is over: {}", session.id(), end.describe());
        }
        poller.ended(session).whenComplete((r, e) -> {
            if (lost) {
                // the WARN line above is the report; a consumer's own handler (bridgeErrorHandler, a custom one) gets
                // it too, but Camel's default one would repeat that line with a stack trace that says nothing more
                for (LiveAgentConsumer consumer : consumers()) {
                    if (!(consumer.getExceptionHandler() instanceof LoggingExceptionHandler)) {
                        consumer.getExceptionHandler().handleException(
                                "liveagent session " + session.id() + " is over", LiveAgentException.atCamelFace(end.failure()));
                    }
                }
            }
        });
    }

    /** Enhanced Chat conversations of the store resume on the component's configured deployment, if it has one. */
    private void restoreConversations() throws Exception {
        EnhancedChatSettings settings;
        try {
            settings = EnhancedChatSettings.of(configuration.getHostname(), configuration.isAllowInsecureHttp(),
                    configuration.getOrganizationId(), configuration.getEsDeveloperName(),
                    configuration.getCapabilitiesVersion(), configuration.getRequestTimeout(),
                    configuration.getMaxPollRetries(), configuration.getPollRetryDelay());
        } catch (IllegalArgumentException notConfigured) {
            settings = null;
        }
        if (settings == null || configuration.getApi() != LiveAgentApi.enhancedChat) {
            LOG.debug("No Enhanced Chat deployment on the component (api=enhancedChat, hostname, organizationId,"
                      + " esDeveloperName): stored conversations, if any, are not resumed");
            return;
        }
        int resumed = enhancedChat.restore(settings);
        if (resumed > 0) {
            LOG.info("Resumed {} Enhanced Chat conversation(s) from the session store", resumed);
        }
    }

    private void restoreSessions() throws Exception {
        int restored = resumeSessions(sessionStore.loadAll());
        if (restored > 0) {
            LOG.info("Resumed {} chat session(s) from {}", restored, sessionStore);
        }
    }

    /** Takes saved sessions back (after a restart, or from another node) and starts their polls. */
    private int resumeSessions(java.util.List<SessionSnapshot> saved) {
        Map<String, ChatServer> servers = new java.util.HashMap<>();
        java.util.List<SessionSnapshot> resumable = new java.util.ArrayList<>();
        for (SessionSnapshot one : saved) {
            ChatServer server = restoredServer(one);
            if (server != null) {
                servers.put(one.id(), server);
                resumable.add(one);
            }
        }
        int restored = sessions.restore(resumable, s -> new SessionSettings(
                servers.get(s.id()), s.organizationId(),
                configuration.getRequestTimeout(), configuration.getMaxPollRetries(), configuration.getPollRetryDelay(),
                configuration.isChasitorIdleTimeout()));
        statistics.sessionsRestored(restored);
        return restored;
    }

    /**
     * Where a stored session resumes: the server it was saved with if a SwitchServer there would be followed (the key
     * goes with it, and a store can be altered), else the configured hostname; null (not resumed) without a hostname.
     */
    private ChatServer restoredServer(SessionSnapshot saved) {
        String hostname = configuration.getHostname();
        boolean insecure = configuration.isAllowInsecureHttp();
        try {
            return hostname != null
                    ? ChatServer.of(hostname, configuration.getApiVersion(), insecure, configuration.getAllowedSwitchHosts())
                            .resume(saved.baseUri(), saved.apiVersion())
                    : ChatServer.resumeWithoutHostname(saved.baseUri(), saved.apiVersion(), insecure,
                            configuration.getAllowedSwitchHosts());
        } catch (IllegalArgumentException refused) {
            if (hostname == null) {
                LOG.warn("Session {} is not resumed: the server it was stored with is not trusted ({}) and the component has"
                         + " no hostname to resume it on", saved.id(), refused.getMessage());
                return null;
            }
            LOG.warn("Session {}: the server it was stored with is not trusted ({}); it resumes on the hostname {}",
                    saved.id(), refused.getMessage(), hostname);
            return ChatServer.of(hostname, configuration.getApiVersion(), insecure, configuration.getAllowedSwitchHosts());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (producerHealthChecks != null && producerHealthCheck != null) {
            producerHealthChecks.removeHealthCheck(producerHealthCheck);
            producerHealthCheck = null;
        }
        // polls first (nothing new arrives), then what the routes are still processing, then the store
        ServiceHelper.stopService(poller);
        if (enhancedChat != null) {
            enhancedChat.stop();
            enhancedChat = null;
        }
        ServiceHelper.stopService(dispatcher);
        ExecutorServiceManager threads = getCamelContext().getExecutorServiceManager();
        if (dispatchExecutor != null) {
            threads.shutdownGraceful(dispatchExecutor);
            dispatchExecutor = null;
        }
        ServiceHelper.stopService(persister);
        // only once every chat is saved: giving the shards up lets the other nodes take the chats over at once
        ServiceHelper.stopService(cluster);
        cluster = null;
        if (clusterExecutor != null) {
            threads.shutdownGraceful(clusterExecutor);
            clusterExecutor = null;
        }
        if (storeWriter != null) {
            threads.shutdownGraceful(storeWriter);
            storeWriter = null;
        }
        if (timerExecutor != null) {
            threads.shutdownNow(timerExecutor);
            timerExecutor = null;
        }
        if (producerExecutor != null) {
            threads.shutdownGraceful(producerExecutor);
            producerExecutor = null;
        }
        if (ownsClient && client != null) {
            client.close();
            client = null;
            ownsClient = false;
        }
        super.doStop();
    }

    /** Live Agent sessions and Enhanced Chat conversations by state (their state names are the same). */
    Map<String, Long> sessionsByState() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (SessionState state : SessionState.values()) {
            counts.put(state.name(), 0L);
        }
        if (sessions != null) {
            sessions.all().forEach(s -> counts.merge(s.state().name(), 1L, Long::sum));
        }
        EnhancedChat chat = enhancedChat;
        if (chat != null) {
            chat.countByState().forEach((state, n) -> counts.merge(state, n, Long::sum));
        }
        return counts;
    }

    /** What this component has been through: sessions, polls, hand-overs, events. */
    public LiveAgentStatistics getStatistics() {
        return statistics;
    }

    /** A readiness check of this component's calls to the Chat API, under the given id. */
    LiveAgentHealthCheck newHealthCheck(String id) {
        return new LiveAgentHealthCheck(id, name, statistics, this::sessionsByState);
    }

    /** The name this component is registered under in its CamelContext (two liveagent components differ by it). */
    String name() {
        return name;
    }

    private String registeredName() {
        for (String candidate : getCamelContext().getComponentNames()) {
            if (getCamelContext().hasComponent(candidate) == this) {
                return candidate;
            }
        }
        return "liveagent";
    }

    private java.util.List<LiveAgentConsumer> consumers() {
        return getCamelContext().getRoutes().stream()
                .map(r -> r.getConsumer())
                .filter(LiveAgentConsumer.class::isInstance)
                .map(LiveAgentConsumer.class::cast)
                .filter(c -> c.getEndpoint().getComponent() == this)
                .toList();
    }

    EnhancedChat enhancedChat() {
        return enhancedChat;
    }

    SessionRegistry sessions() {
        return sessions;
    }

    /**
     * This node's part in a cluster (high availability), for operators and tests: its id, the shards it owns, how long
     * its takeovers took, how many nodes are alive, the shared calls under way; empty on a single node.
     */
    public Map<String, Object> clusterStatus() {
        ClusterCoordinator c = cluster;
        return c == null ? Map.of() : c.status();
    }

    /** The node's part in a cluster (high availability), or null on a single node. */
    public ClusterCoordinator cluster() {
        return cluster;
    }

    ExecutorService producerExecutor() {
        return producerExecutor;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    LiveAgentClient client() {
        return observedClient;
    }

    /** How many Messages polls are in flight now (one per live session). */
    public int pollsInFlight() {
        return poller == null ? 0 : poller.inFlight();
    }

    /** How many sessions the poller keeps state for (live ones, and ended ones with events still to hand over). */
    public int pollLoops() {
        return poller == null ? 0 : poller.sessions();
    }

    /**
     * Test seam: the size of every per-session map and set of this component (registry, poll loops, polls in flight,
     * held events); a churn test checks they all return to 0 once ended sessions are forgotten.
     */
    Map<String, Integer> perSessionEntries() {
        Map<String, Integer> entries = new java.util.TreeMap<>();
        entries.put("registry.sessions", sessions == null ? 0 : sessions.size());
        entries.put("registry.ended", sessions == null ? 0 : sessions.endedCount());
        if (poller != null) {
            entries.putAll(poller.perSessionEntries());
        }
        entries.put("persister.written", persister == null ? 0 : persister.remembered());
        return entries;
    }

    /** How many sessions this component holds, ended ones included for a while. */
    public int sessionCount() {
        return sessions == null ? 0 : sessions.size();
    }

    public long getEndedSessionRetention() {
        return endedSessionRetention;
    }

    public void setEndedSessionRetention(long endedSessionRetention) {
        this.endedSessionRetention = endedSessionRetention;
    }

    public javax.sql.DataSource getSessionStoreDataSource() {
        return sessionStoreDataSource;
    }

    public void setSessionStoreDataSource(javax.sql.DataSource sessionStoreDataSource) {
        this.sessionStoreDataSource = sessionStoreDataSource;
    }

    public CamelClusterService getClusterService() {
        return clusterService;
    }

    public void setClusterService(CamelClusterService clusterService) {
        this.clusterService = clusterService;
    }

    public int getClusterShards() {
        return clusterShards;
    }

    public void setClusterShards(int clusterShards) {
        this.clusterShards = clusterShards;
    }

    public String getClusterNamespace() {
        return clusterNamespace;
    }

    public void setClusterNamespace(String clusterNamespace) {
        this.clusterNamespace = clusterNamespace;
    }

    public long getClusterPollInterval() {
        return clusterPollInterval;
    }

    public void setClusterPollInterval(long clusterPollInterval) {
        this.clusterPollInterval = clusterPollInterval;
    }

    public boolean isClusterBalance() {
        return clusterBalance;
    }

    public void setClusterBalance(boolean clusterBalance) {
        this.clusterBalance = clusterBalance;
    }

    public long getMinPollInterval() {
        return minPollInterval;
    }

    public void setMinPollInterval(long minPollInterval) {
        this.minPollInterval = minPollInterval;
    }

    public long getClusterTakeoverDelay() {
        return clusterTakeoverDelay;
    }

    public void setClusterTakeoverDelay(long clusterTakeoverDelay) {
        this.clusterTakeoverDelay = clusterTakeoverDelay;
    }

    public SessionStore getSessionStore() {
        return sessionStore;
    }

    public void setSessionStore(SessionStore sessionStore) {
        this.sessionStore = sessionStore;
    }

    public ConversationStore getConversationStore() {
        return conversationStore;
    }

    public void setConversationStore(ConversationStore conversationStore) {
        this.conversationStore = conversationStore;
    }

    public String getSessionStoreDirectory() {
        return sessionStoreDirectory;
    }

    public void setSessionStoreDirectory(String sessionStoreDirectory) {
        this.sessionStoreDirectory = sessionStoreDirectory;
    }

    public String getSessionStoreSecret() {
        return sessionStoreSecret;
    }

    public void setSessionStoreSecret(String sessionStoreSecret) {
        this.sessionStoreSecret = sessionStoreSecret;
    }

    public LiveAgentConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(LiveAgentConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public int getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(int maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    public int getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
    }

    public int getConsumerThreads() {
        return consumerThreads;
    }

    public void setConsumerThreads(int consumerThreads) {
        this.consumerThreads = consumerThreads;
    }

    public LiveAgentClient getClient() {
        return client;
    }

    public void setClient(LiveAgentClient client) {
        this.client = client;
    }
}
