package io.github.camelliveagent.emulator.enhanced.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.agent.AgentBehaviour;
import io.github.camelliveagent.emulator.enhanced.EnhancedChatSettings;
import io.github.camelliveagent.emulator.enhanced.conversation.ApiOutcomes;
import io.github.camelliveagent.emulator.enhanced.conversation.Conversation;
import io.github.camelliveagent.emulator.enhanced.conversation.ConversationEnvironment;
import io.github.camelliveagent.emulator.enhanced.conversation.ConversationRegistry;
import io.github.camelliveagent.emulator.enhanced.conversation.SentFiles;
import io.github.camelliveagent.emulator.enhanced.stream.EventBook;
import io.github.camelliveagent.emulator.enhanced.stream.SubjectEvents;
import io.github.camelliveagent.emulator.enhanced.token.AccessToken;
import io.github.camelliveagent.emulator.enhanced.token.AccessTokens;
import io.github.camelliveagent.emulator.fault.FaultSettings;
import io.github.camelliveagent.emulator.session.Json;
import io.github.camelliveagent.emulator.session.Scheduler;
import io.github.camelliveagent.emulator.session.UploadedFile;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The Enhanced Chat side of the emulator's HTTP server: {@code /iamessage/api/v2/…} (REST),
 * {@code /eventrouter/v1/sse} (the event stream), {@code /embeddedservice/v1/…} (deployment configuration, business
 * hours) and the download links of sent files. Dispatches by path and method (404, 405), then applies, in order,
 * the global one-shot failure, the bearer token (401), the conversation's owner (404 for another end user's), its
 * one-shot failure, and the rate limits while they are switched on (429), before a resource runs.
 * Never logs a token, and never the {@code Authorization} header.
 */
public final class EnhancedChatHttp {

    /** Where the REST resources live. */
    public static final String REST_PREFIX = "/iamessage/api/v2/";
    /** The event stream. */
    public static final String SSE_PATH = "/eventrouter/v1/sse";

    private static final Logger LOG = LoggerFactory.getLogger(EnhancedChatHttp.class);

    private enum Auth { NONE, TOKEN, CONTINUATION }

    private enum Limit { NONE, TOKEN, CONTINUATION, CREATE, MESSAGE }

    private record Route(Consumer<ApiCall> resource, Auth auth, Limit limit) {
    }

    private final Vertx vertx;
    private final EnhancedChatSettings settings;
    private final FaultSettings globalFaults;
    private final AccessTokens tokens;
    private final EventBook events;
    private final EventStreams streams;
    private final ConversationRegistry registry;
    private final TokenResources tokenResources;
    private final ConversationResources conversationResources;
    private final MessageResources messageResources;
    private final FileResource fileResource;
    private final RateLimits limits = new RateLimits();
    private final SentFiles files = new SentFiles();
    private final DeploymentConfig deploymentConfig;

    /**
     * @param vertx        the emulator's Vert.x instance (one event loop)
     * @param scheduler    its timers
     * @param settings     the Enhanced Chat settings
     * @param agent        the simulated agent
     * @param globalFaults the emulator's global faults
     * @param baseUrl      the emulator's base URL once listening (for attachment links)
     */
    public EnhancedChatHttp(Vertx vertx, Scheduler scheduler, EnhancedChatSettings settings, AgentBehaviour agent,
                            FaultSettings globalFaults, Supplier<String> baseUrl) {
        this.vertx = vertx;
        this.settings = settings;
        this.globalFaults = globalFaults;
        this.tokens = new AccessTokens(Clock.systemUTC());
        this.events = new EventBook(settings.replayRetention());
        this.streams = new EventStreams(vertx, events, tokens, settings);
        String channel = UUID.nameUUIDFromBytes(settings.esDeveloperName().getBytes(StandardCharsets.UTF_8)).toString();
        this.registry = new ConversationRegistry(new ConversationEnvironment(scheduler, settings, agent, globalFaults,
                events, streams, tokens, channel, baseUrl, files));
        this.deploymentConfig = new DeploymentConfig(settings, channel);
        BodyRules rules = new BodyRules(settings.strictProperties());
        this.tokenResources = new TokenResources(settings, tokens, events, rules, channel);
        this.conversationResources = new ConversationResources(settings, registry, rules);
        this.messageResources = new MessageResources(settings, rules);
        this.fileResource = new FileResource(settings, rules, baseUrl);
    }

    /** The conversations. */
    public ConversationRegistry registry() {
        return registry;
    }

    /** Expires every token issued so far (the global {@code expire} fault); open streams end. */
    public void expireAllTokens() {
        tokens.expireAll();
        streams.tokensChanged();
    }

    /** Closes every open stream now (the global {@code dropStream} fault). */
    public void dropAllStreams() {
        streams.drop(null);
    }

    /** Whether this request is one of ours. */
    public static boolean serves(String path) {
        return path.startsWith(REST_PREFIX) || path.equals(SSE_PATH) || path.startsWith(SentFiles.PATH)
                || path.equals(DeploymentConfig.CONFIG_PATH) || path.equals(DeploymentConfig.HOURS_PATH);
    }

    /** Whether this request's body is read by its resource (a file upload, larger than other bodies). */
    public static boolean readsOwnBody(HttpServerRequest req) {
        String p = req.path();
        return req.method() == HttpMethod.POST && p.startsWith(REST_PREFIX + "conversation/") && p.endsWith("/file");
    }

    /** Handles a request; {@code body} is null when {@link #readsOwnBody} holds. */
    public void handle(HttpServerRequest req, Buffer body) {
        if (req.path().equals(SSE_PATH)) {
            stream(req);
            return;
        }
        if (!req.path().startsWith(REST_PREFIX)) {
            unversioned(req);
            return;
        }
        String rest = req.path().substring(REST_PREFIX.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] seg = rest.split("/");
        String conversationId = seg.length >= 2 && seg[0].equals("conversation") && !seg[1].equals("list") ? seg[1] : null;
        Map<HttpMethod, Route> methods = routes(seg);
        LOG.debug("{} {}{}", req.method(), REST_PREFIX, conversationId == null ? rest : rest.replace(conversationId, "{id}"));
        ApiCall call = new ApiCall(vertx, req, body == null ? null : body.toString(StandardCharsets.UTF_8), conversationId);
        if (methods.isEmpty()) {
            call.reply(ApiOutcomes.error(404, "Not Found: no Enhanced Chat resource " + REST_PREFIX + rest));
            return;
        }
        Route route = methods.get(req.method());
        if (route == null) {
            String allow = methods.keySet().stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
            req.response().putHeader("Allow", allow);
            call.reply(ApiOutcomes.error(405, "Method Not Allowed: use " + allow));
            return;
        }
        try {
            if (admit(call, route)) {
                route.resource().accept(call);
            }
        } catch (BadRequest e) {
            call.reply(ApiOutcomes.error(e.status(), e.getMessage()));
        }
    }

    /** The checks before a resource runs; false when the call has been answered already. */
    private boolean admit(ApiCall call, Route route) {
        HttpServerRequest req = call.request();
        call.addLatency(globalFaults.latency());
        int failure = globalFaults.takeFailure(req.method() == HttpMethod.POST);
        if (failure != 0) {
            call.reply(ApiOutcomes.error(failure, "Injected failure"));
            return false;
        }
        if (route.auth() != Auth.NONE) {
            String refused = authenticate(call, route.auth() == Auth.CONTINUATION);
            if (refused != null) {
                call.reply(ApiOutcomes.error(401, refused));
                return false;
            }
        }
        if (call.conversationId() != null) {
            Conversation c = registry.byId(call.conversationId());
            if (c == null) {
                call.reply(ApiOutcomes.error(404, "Unknown conversation " + call.conversationId()));
                return false;
            }
            if (!c.subject().equals(call.token().subject())) {
                int status = settings.foreignConversationStatus();
                call.reply(ApiOutcomes.error(status, status == 404 ? "Unknown conversation " + call.conversationId()
                        : "The conversation " + call.conversationId() + " belongs to another end user"));
                return false;
            }
            call.conversation(c);
            call.addLatency(c.faultSettings().latency());
            int own = c.faultSettings().takeFailure(req.method() == HttpMethod.POST);
            if (own != 0) {
                call.reply(ApiOutcomes.error(own, "Injected failure"));
                return false;
            }
        }
        String limited = rateLimit(call, route.limit());
        if (limited != null) {
            call.reply(ApiOutcomes.error(429, limited));
            return false;
        }
        return true;
    }

    /** Null when the bearer token may be used here, else why not (never quoting it). */
    private String authenticate(ApiCall call, boolean continuation) {
        String token = bearer(call.request().getHeader("Authorization"));
        if (token == null) {
            return "Missing access token: send Authorization: Bearer <accessToken>";
        }
        AccessTokens.Check check = tokens.check(token);
        if (check.verdict() == AccessTokens.Verdict.VALID) {
            call.token(check.token());
            return null;
        }
        if (check.verdict() == AccessTokens.Verdict.EXPIRED) {
            Duration grace = settings.continuationGrace();
            if (continuation && !grace.isZero() && tokens.now().isBefore(check.token().expiresAt().plus(grace))) {
                call.token(check.token());
                return null;
            }
            return "The access token has expired";
        }
        return "Invalid access token";
    }

    private String rateLimit(ApiCall call, Limit limit) {
        boolean on = globalFaults.rateLimited() || (call.conversation() != null && call.conversation().faultSettings().rateLimited());
        if (!on || limit == Limit.NONE) {
            return null;
        }
        return switch (limit) {
            case TOKEN -> limits.take("token:" + settings.orgId(), EnhancedChatSettings.TOKENS_PER_MINUTE_PER_ORG,
                    Duration.ofMinutes(1)) ? null : "Rate limit exceeded: at most "
                    + EnhancedChatSettings.TOKENS_PER_MINUTE_PER_ORG + " access-token requests per minute per org";
            case CONTINUATION -> limits.take("continuation:" + settings.orgId(),
                    EnhancedChatSettings.CONTINUATIONS_PER_MINUTE_PER_ORG, Duration.ofMinutes(1)) ? null
                    : "Rate limit exceeded: at most " + EnhancedChatSettings.CONTINUATIONS_PER_MINUTE_PER_ORG
                    + " continuation tokens per minute per org";
            case CREATE -> limits.take("create:" + call.token().clientId(), EnhancedChatSettings.CONVERSATIONS_PER_30S_PER_CLIENT,
                    Duration.ofSeconds(30)) ? null : "Rate limit exceeded: at most "
                    + EnhancedChatSettings.CONVERSATIONS_PER_30S_PER_CLIENT + " new conversations per client per 30 seconds";
            case MESSAGE -> limits.take("message:" + call.conversationId(),
                    EnhancedChatSettings.MESSAGES_PER_MINUTE_PER_CONVERSATION, Duration.ofMinutes(1)) ? null
                    : "Rate limit exceeded: at most " + EnhancedChatSettings.MESSAGES_PER_MINUTE_PER_CONVERSATION
                    + " messages per minute per conversation";
            case NONE -> null;
        };
    }

    /** The deployment configuration, business hours and file downloads: GET only, no token. */
    private void unversioned(HttpServerRequest req) {
        String path = req.path();
        LOG.debug("{} {}", req.method(), path.startsWith(SentFiles.PATH) ? SentFiles.PATH + "{fileId}" : path);
        ApiCall call = new ApiCall(vertx, req, "", null);
        if (req.method() != HttpMethod.GET) {
            req.response().putHeader("Allow", "GET");
            call.reply(ApiOutcomes.error(405, "Method Not Allowed: use GET"));
            return;
        }
        try {
            if (path.equals(DeploymentConfig.CONFIG_PATH)) {
                deploymentConfig.config(call);
            } else if (path.equals(DeploymentConfig.HOURS_PATH)) {
                deploymentConfig.businessHours(call);
            } else {
                download(req, path.substring(SentFiles.PATH.length()));
            }
        } catch (BadRequest e) {
            call.reply(ApiOutcomes.error(e.status(), e.getMessage()));
        }
    }

    /** A sent file's bytes, by its link. */
    private void download(HttpServerRequest req, String fileId) {
        UploadedFile f = files.get(fileId);
        if (f == null) {
            ApiCall.write(req, ApiOutcomes.error(404, "No file " + fileId));
            return;
        }
        req.response().setStatusCode(200).putHeader("Content-Type", f.contentType())
                .putHeader("Content-Disposition", "attachment; filename=\"" + f.fileName().replace("\"", "") + "\"")
                .end(Buffer.buffer(f.content()));
    }

    /** {@code GET /eventrouter/v1/sse}. */
    private void stream(HttpServerRequest req) {
        LOG.debug("{} {}", req.method(), SSE_PATH);
        if (req.method() != HttpMethod.GET) {
            req.response().putHeader("Allow", "GET");
            ApiCall.write(req, ApiOutcomes.error(405, "Method Not Allowed: use GET"));
            return;
        }
        int failure = globalFaults.takeFailure(false);
        if (failure != 0) {
            ApiCall.write(req, ApiOutcomes.error(failure, "Injected failure"));
            return;
        }
        AccessTokens.Check check = tokens.check(bearer(req.getHeader("Authorization")));
        if (check.verdict() != AccessTokens.Verdict.VALID) {
            // the Spring-style body the real stream answers with (miaw-api.md §2.4)
            ObjectNode o = Json.object();
            o.put("timestamp", Instant.now().toString());
            o.put("status", 401);
            o.put("error", "Unauthorized");
            o.put("path", SSE_PATH);
            ApiCall.write(req, ApiOutcomes.json(401, o));
            return;
        }
        AccessToken token = check.token();
        String org = req.getHeader("X-Org-Id");
        if (org == null || org.isBlank()) {
            ApiCall.write(req, ApiOutcomes.error(400, "Missing X-Org-Id header: the 15-character org id"));
            return;
        }
        if (!org.trim().equals(token.orgId())) {
            ApiCall.write(req, ApiOutcomes.error(400, "OrgId in the header and token must match"));
            return;
        }
        SubjectEvents log = events.of(token.subject());
        String last = req.getHeader("Last-Event-Id");
        long startAfter;
        if (last == null || last.isBlank()) {
            startAfter = events.head(); // no position: new events only
        } else {
            try {
                startAfter = Long.parseLong(last.trim());
            } catch (NumberFormatException e) {
                ApiCall.write(req, ApiOutcomes.error(400, "Invalid Last-Event-Id header: a numeric event id"));
                return;
            }
            List<Conversation> mine = registry.of(token.subject());
            boolean gap = globalFaults.takeReplayGap();
            boolean twice = globalFaults.takeDuplicate();
            for (Conversation c : mine) {
                gap |= c.faultSettings().takeReplayGap();
                twice |= c.faultSettings().takeDuplicate();
            }
            if (gap) {
                startAfter = Math.max(startAfter, log.newest());
                LOG.info("Event stream resumes without replay (injected gap)");
            } else if (twice) {
                startAfter = log.before(startAfter);
                LOG.info("Event stream resumes one event early (injected: delivered twice)");
            }
        }
        streams.open(req, token, startAfter);
    }

    /** The token of an {@code Authorization: Bearer …} header, or null. */
    private static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = h.substring(7).trim();
        return t.isEmpty() ? null : t;
    }

    private Map<HttpMethod, Route> routes(String[] s) {
        Map<HttpMethod, Route> m = new HashMap<>();
        String path = String.join("/", s);
        switch (path) {
            case "authorization/unauthenticated/access-token" ->
                    m.put(HttpMethod.POST, new Route(tokenResources::guest, Auth.NONE, Limit.TOKEN));
            case "authorization/authenticated/access-token" -> {
                m.put(HttpMethod.POST, new Route(tokenResources::verified, Auth.NONE, Limit.TOKEN));
                m.put(HttpMethod.DELETE, new Route(tokenResources::revoke, Auth.TOKEN, Limit.NONE));
            }
            case "authorization/continuation-access-token" ->
                    m.put(HttpMethod.GET, new Route(tokenResources::continuation, Auth.CONTINUATION, Limit.CONTINUATION));
            case "conversation" -> m.put(HttpMethod.POST, new Route(conversationResources::create, Auth.TOKEN, Limit.CREATE));
            case "conversation/list" -> m.put(HttpMethod.GET, new Route(conversationResources::list, Auth.TOKEN, Limit.NONE));
            default -> {
                if (s.length < 2 || !s[0].equals("conversation") || s.length > 3) {
                    break;
                }
                if (s.length == 2) {
                    m.put(HttpMethod.GET, new Route(conversationResources::status, Auth.TOKEN, Limit.NONE));
                    m.put(HttpMethod.DELETE, new Route(conversationResources::close, Auth.TOKEN, Limit.NONE));
                    break;
                }
                switch (s[2]) {
                    case "session" -> m.put(HttpMethod.DELETE, new Route(conversationResources::endSession, Auth.TOKEN, Limit.NONE));
                    case "entries" -> m.put(HttpMethod.GET, new Route(conversationResources::entries, Auth.TOKEN, Limit.NONE));
                    case "message" -> m.put(HttpMethod.POST, new Route(messageResources::message, Auth.TOKEN, Limit.MESSAGE));
                    case "file" -> m.put(HttpMethod.POST, new Route(fileResource::file, Auth.TOKEN, Limit.MESSAGE));
                    case "entry" -> m.put(HttpMethod.POST, new Route(messageResources::entry, Auth.TOKEN, Limit.NONE));
                    case "acknowledge-entries" ->
                            m.put(HttpMethod.POST, new Route(messageResources::acknowledge, Auth.TOKEN, Limit.NONE));
                    default -> {
                        // unknown: 404
                    }
                }
            }
        }
        return m;
    }
}
