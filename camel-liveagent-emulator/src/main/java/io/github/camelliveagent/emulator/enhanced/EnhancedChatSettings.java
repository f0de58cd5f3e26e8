package io.github.camelliveagent.emulator.enhanced;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the emulator's Enhanced Chat (Messaging for In-App and Web v2) side behaves: the one org and Custom Client
 * deployment it knows, token lifetimes, the event stream's timing, and the switches for what the real server's
 * behaviour leaves open (miaw-api.md §12); each switch's default is the reading a client is safe with.
 */
public final class EnhancedChatSettings {

    /** What a continuation token's expiry is (miaw-api.md §2.2: "doesn't extend the JWT expiration time" [UNCONFIRMED]). */
    public enum ContinuationExpiry {
        /** The new token lives a full {@link Builder#tokenLifetime}: renewing keeps a conversation reachable. Default. */
        FRESH_LIFETIME,
        /** The new token expires when the token it continues does. */
        ORIGINAL
    }

    /** What an open event stream does when its token expires (miaw-api.md §2.4). */
    public enum ExpiredStream {
        /** The stream is closed without a last word; reconnecting then gets 401. Default. */
        CLOSE,
        /** A raw {@code data:Jwt is expired} line (no event name, no id) is sent, then the stream is closed (as Botpress saw). */
        JWT_EXPIRED_MESSAGE
    }

    /**
     * What a second event stream opened with the same access token does (miaw-api.md §0, §5.1: one stream per token;
     * what the server does with a second is not documented).
     */
    public enum StreamsPerToken {
        /**
         * The newer stream is served and the older one closed (no last word): a client that holds two streams per token
         * sees them take turns, while a client that reconnects before the server noticed its old connection died is
         * served. The default: a client that works against it works against the other two.
         */
        NEWEST_WINS,
        /** The newer stream is refused with 409 while the older is open. */
        FIRST_WINS,
        /** Every stream is served. */
        MANY
    }

    /** What a {@code routingAttributes} key that is no configured pre-chat field does (miaw-api.md §3.2 [UNCONFIRMED]). */
    public enum UnknownRoutingAttributes {
        /** Accepted and kept. Default when no pre-chat fields are configured. */
        IGNORE,
        /** 400 naming the key and the configured fields. */
        REJECT
    }

    /** Published rate limits (miaw-api.md §6), enforced while the {@code rateLimits} fault is on. */
    public static final int TOKENS_PER_MINUTE_PER_ORG = 200;
    /** Continuation tokens per minute per org. */
    public static final int CONTINUATIONS_PER_MINUTE_PER_ORG = 200;
    /** New conversations per client (token) per 30 seconds. */
    public static final int CONVERSATIONS_PER_30S_PER_CLIENT = 3;
    /** Inbound messages per minute per conversation. */
    public static final int MESSAGES_PER_MINUTE_PER_CONVERSATION = 22;
    /** The largest file the {@code /file} resource takes (miaw-api.md §4.3). */
    public static final int MAX_FILE_BYTES = 5 * 1024 * 1024;

    private final String orgId;
    private final String esDeveloperName;
    private final Duration tokenLifetime;
    private final ContinuationExpiry continuationExpiry;
    private final Duration continuationGrace;
    private final Duration pingInterval;
    private final Duration streamMaxAge;
    private final ExpiredStream expiredStream;
    private final int replayRetention;
    private final int createStatus;
    private final boolean prechatPerSession;
    private final boolean sessionStatusEvents;
    private final boolean strictProperties;
    private final int maxTextLength;
    private final boolean attachments;
    private final Set<String> fileTypes;
    private final Set<String> prechatFields;
    private final UnknownRoutingAttributes unknownRoutingAttributes;
    private final Duration estimatedWaitTime;
    private final int foreignConversationStatus;
    private final StreamsPerToken streamsPerToken;
    private final String deploymentType;
    private final boolean published;
    private final Duration inactiveAutoEnd;

    private EnhancedChatSettings(Builder b) {
        this.orgId = b.orgId;
        this.esDeveloperName = b.esDeveloperName;
        this.tokenLifetime = b.tokenLifetime;
        this.continuationExpiry = b.continuationExpiry;
        this.continuationGrace = b.continuationGrace;
        this.pingInterval = b.pingInterval;
        this.streamMaxAge = b.streamMaxAge;
        this.expiredStream = b.expiredStream;
        this.replayRetention = b.replayRetention;
        this.createStatus = b.createStatus;
        this.prechatPerSession = b.prechatPerSession;
        this.sessionStatusEvents = b.sessionStatusEvents;
        this.strictProperties = b.strictProperties;
        this.maxTextLength = b.maxTextLength;
        this.attachments = b.attachments;
        this.fileTypes = b.fileTypes;
        this.prechatFields = b.prechatFields;
        this.unknownRoutingAttributes = b.unknownRoutingAttributes;
        this.estimatedWaitTime = b.estimatedWaitTime;
        this.foreignConversationStatus = b.foreignConversationStatus;
        this.streamsPerToken = b.streamsPerToken;
        this.deploymentType = b.deploymentType;
        this.published = b.published;
        this.inactiveAutoEnd = b.inactiveAutoEnd;
    }

    /** The defaults: org {@code 00D000000000001}, deployment {@code Emulated_Custom_Client}, 2 h tokens, 15 s pings. */
    public static EnhancedChatSettings defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The org id in its 15-character form (what the token and {@code X-Org-Id} carry). */
    public String orgId() {
        return orgId;
    }

    /** The Custom Client deployment's API name ({@code esDeveloperName}). */
    public String esDeveloperName() {
        return esDeveloperName;
    }

    /** How long a minted access token is valid. */
    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** How long a continuation token lives. */
    public ContinuationExpiry continuationExpiry() {
        return continuationExpiry;
    }

    /** How long after its expiry a token may still be continued (0: never). */
    public Duration continuationGrace() {
        return continuationGrace;
    }

    /** How often an open stream gets a {@code ping} event. */
    public Duration pingInterval() {
        return pingInterval;
    }

    /** After how long the server closes a stream on its own; null for never. */
    public Duration streamMaxAge() {
        return streamMaxAge;
    }

    /** What an open stream does when its token expires. */
    public ExpiredStream expiredStream() {
        return expiredStream;
    }

    /** How many of an end user's latest events a {@code Last-Event-Id} resume can replay. */
    public int replayRetention() {
        return replayRetention;
    }

    /** The status of a successful conversation create: 201 (default) or 200, with an empty body either way. */
    public int createStatus() {
        return createStatus;
    }

    /** Whether the deployment shows pre-chat every messaging session (then a message after a session ended needs {@code isNewMessagingSession}: 417). */
    public boolean prechatPerSession() {
        return prechatPerSession;
    }

    /** Whether {@code CONVERSATION_SESSION_STATUS_CHANGED} events are delivered. */
    public boolean sessionStatusEvents() {
        return sessionStatusEvents;
    }

    /** Whether unknown JSON properties are refused with 400. */
    public boolean strictProperties() {
        return strictProperties;
    }

    /** The longest text message accepted. */
    public int maxTextLength() {
        return maxTextLength;
    }

    /** Whether end users may send files. */
    public boolean attachments() {
        return attachments;
    }

    /** The MIME types a file may have. */
    public Set<String> fileTypes() {
        return fileTypes;
    }

    /** The configured pre-chat field names; empty: any key is taken. */
    public Set<String> prechatFields() {
        return prechatFields;
    }

    /** What a key outside {@link #prechatFields()} does. */
    public UnknownRoutingAttributes unknownRoutingAttributes() {
        return unknownRoutingAttributes;
    }

    /** The estimated wait time announced by routing results. */
    public Duration estimatedWaitTime() {
        return estimatedWaitTime;
    }

    /** The status of a call naming another end user's conversation: 404 (default) or 403. */
    public int foreignConversationStatus() {
        return foreignConversationStatus;
    }

    /** What a second stream with the same token does; default {@link StreamsPerToken#NEWEST_WINS}. */
    public StreamsPerToken streamsPerToken() {
        return streamsPerToken;
    }

    /** The deployment's type as the configuration shows it: {@code API} (a Custom Client), or another such as {@code Web}. */
    public String deploymentType() {
        return deploymentType;
    }

    /** Whether the deployment has been published (the configuration endpoint answers 412 until it is). */
    public boolean published() {
        return published;
    }

    /** How long an Inactive messaging session lasts before the server ends it (about 24 h, documented). */
    public Duration inactiveAutoEnd() {
        return inactiveAutoEnd;
    }

    /** Configures {@link EnhancedChatSettings}. */
    public static final class Builder {
        private String orgId = "00D000000000001";
        private String esDeveloperName = "Emulated_Custom_Client";
        private Duration tokenLifetime = Duration.ofHours(2);
        private ContinuationExpiry continuationExpiry = ContinuationExpiry.FRESH_LIFETIME;
        private Duration continuationGrace = Duration.ZERO;
        private Duration pingInterval = Duration.ofSeconds(15);
        private Duration streamMaxAge;
        private ExpiredStream expiredStream = ExpiredStream.CLOSE;
        private int replayRetention = Integer.MAX_VALUE;
        private int createStatus = 201;
        private boolean prechatPerSession;
        private boolean sessionStatusEvents = true;
        private boolean strictProperties = true;
        private int maxTextLength = 4000;
        private boolean attachments = true;
        private Set<String> fileTypes = Set.of("image/png", "image/jpeg", "image/gif", "application/pdf", "text/plain");
        private Set<String> prechatFields = Set.of();
        private UnknownRoutingAttributes unknownRoutingAttributes = UnknownRoutingAttributes.IGNORE;
        private Duration estimatedWaitTime = Duration.ofSeconds(60);
        private int foreignConversationStatus = 404;
        private StreamsPerToken streamsPerToken = StreamsPerToken.NEWEST_WINS;
        private String deploymentType = "API";
        private boolean published = true;
        private Duration inactiveAutoEnd = Duration.ofHours(24);

        private Builder() {
        }

        /** What a second event stream opened with the same token does; default {@link StreamsPerToken#NEWEST_WINS}. */
        public Builder streamsPerToken(StreamsPerToken mode) {
            this.streamsPerToken = java.util.Objects.requireNonNull(mode, "streamsPerToken");
            return this;
        }

        /**
         * The deployment's type: {@code API} (default, a Custom Client deployment, what the v2 API needs); any other
         * value (e.g. {@code Web}) makes the token endpoints answer 400 {@code Set the esDeveloperName to a
         * deploymentType that's set to api} (miaw-api.md §2.5, observed by one integrator).
         */
        public Builder deploymentType(String type) {
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException("deploymentType must be API or another deployment type, e.g. Web");
            }
            this.deploymentType = type;
            return this;
        }

        /**
         * Whether the deployment is published (default true); unpublished, the configuration endpoint answers 412
         * {@code {"text":"Embedded Messaging Config is not Published"}} (miaw-api.md §1.2). What the token endpoint does
         * then is not known: it is left as it is.
         */
        public Builder published(boolean on) {
            this.published = on;
            return this;
        }

        /**
         * How long an Inactive messaging session lasts before the server ends it (default 24 h, "about 24 hours"
         * documented); a test sets seconds. The end user's message before then brings it back to Waiting.
         */
        public Builder inactiveAutoEnd(Duration d) {
            this.inactiveAutoEnd = positive(d, "inactiveAutoEnd");
            return this;
        }

        /**
         * What a call naming another end user's conversation gets (miaw-api.md §9.6, [UNCONFIRMED] which): 404
         * (default, as an unknown id, so a client learns nothing) or 403.
         */
        public Builder foreignConversationStatus(int status) {
            if (status != 404 && status != 403) {
                throw new IllegalArgumentException("foreignConversationStatus must be 404 or 403: " + status);
            }
            this.foreignConversationStatus = status;
            return this;
        }

        /** The org id, 15 characters starting with {@code 00D}; clients may send its 18-character form. */
        public Builder orgId(String orgId) {
            Objects.requireNonNull(orgId, "orgId");
            if (!orgId.matches("00D[0-9A-Za-z]{12}")) {
                throw new IllegalArgumentException("orgId must be a 15-character org id starting with 00D: " + orgId);
            }
            this.orgId = orgId;
            return this;
        }

        /** The Custom Client deployment's API name. */
        public Builder esDeveloperName(String name) {
            Objects.requireNonNull(name, "esDeveloperName");
            if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,79}")) {
                throw new IllegalArgumentException("esDeveloperName must be an API name (letters, digits, _): " + name);
            }
            this.esDeveloperName = name;
            return this;
        }

        /** How long a minted token is valid; default 2 h (the real guest lifetime is not documented). */
        public Builder tokenLifetime(Duration d) {
            this.tokenLifetime = positive(d, "tokenLifetime");
            return this;
        }

        /** How long a continuation token lives; default {@link ContinuationExpiry#FRESH_LIFETIME}. */
        public Builder continuationExpiry(ContinuationExpiry e) {
            this.continuationExpiry = Objects.requireNonNull(e, "continuationExpiry");
            return this;
        }

        /** How long after expiry a token may still be continued; default 0 (an expired token gets 401 there too). */
        public Builder continuationGrace(Duration d) {
            Objects.requireNonNull(d, "continuationGrace");
            if (d.isNegative()) {
                throw new IllegalArgumentException("continuationGrace must not be negative");
            }
            this.continuationGrace = d;
            return this;
        }

        /** Interval of {@code ping} events; default 15 s (the Android SDK times out reads after 30 s). */
        public Builder pingInterval(Duration d) {
            this.pingInterval = positive(d, "pingInterval");
            return this;
        }

        /** The server closes every stream after this long (to test reconnects); default never. */
        public Builder streamMaxAge(Duration d) {
            this.streamMaxAge = positive(d, "streamMaxAge");
            return this;
        }

        /** What a stream does when its token expires; default {@link ExpiredStream#CLOSE}. */
        public Builder expiredStream(ExpiredStream e) {
            this.expiredStream = Objects.requireNonNull(e, "expiredStream");
            return this;
        }

        /** How many of an end user's latest events stay replayable; default all. */
        public Builder replayRetention(int events) {
            if (events < 0) {
                throw new IllegalArgumentException("replayRetention must not be negative: " + events);
            }
            this.replayRetention = events;
            return this;
        }

        /** Status of a successful create, 201 (default) or 200 (v2's is unconfirmed, miaw-api.md §3.2). */
        public Builder createStatus(int status) {
            if (status != 200 && status != 201) {
                throw new IllegalArgumentException("createStatus must be 200 or 201: " + status);
            }
            this.createStatus = status;
            return this;
        }

        /** Pre-chat every messaging session ({@code displayContext: Session}); default off. */
        public Builder prechatPerSession(boolean on) {
            this.prechatPerSession = on;
            return this;
        }

        /** Deliver {@code CONVERSATION_SESSION_STATUS_CHANGED}; default on (delivery to v2 clients is unconfirmed). */
        public Builder sessionStatusEvents(boolean on) {
            this.sessionStatusEvents = on;
            return this;
        }

        /** Refuse unknown JSON properties with 400; default on (the server's schemas are strict). */
        public Builder strictProperties(boolean on) {
            this.strictProperties = on;
            return this;
        }

        /** The longest text message; default 4,000 characters (the real limit is unconfirmed). */
        public Builder maxTextLength(int chars) {
            if (chars < 1) {
                throw new IllegalArgumentException("maxTextLength must be positive: " + chars);
            }
            this.maxTextLength = chars;
            return this;
        }

        /** Whether end users may send files; default on. */
        public Builder attachments(boolean on) {
            this.attachments = on;
            return this;
        }

        /** The MIME types a file may have; default PNG, JPEG, GIF, PDF, plain text. */
        public Builder fileTypes(Set<String> types) {
            this.fileTypes = Set.copyOf(types);
            return this;
        }

        /** The configured pre-chat fields and what an unknown key does; default none configured (any key taken). */
        public Builder prechatFields(Set<String> fields, UnknownRoutingAttributes unknown) {
            this.prechatFields = Set.copyOf(fields);
            this.unknownRoutingAttributes = Objects.requireNonNull(unknown, "unknown");
            return this;
        }

        /** The estimated wait time routing results announce; default 60 s. */
        public Builder estimatedWaitTime(Duration d) {
            Objects.requireNonNull(d, "estimatedWaitTime");
            this.estimatedWaitTime = d;
            return this;
        }

        /** The settings. */
        public EnhancedChatSettings build() {
            return new EnhancedChatSettings(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
