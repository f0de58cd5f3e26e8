package io.github.camelliveagent.component.observe;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of a liveagent component's calls to the Chat API: not ready while the latest call failed without an
 * answer, or while sessions are being lost (a session lost in the last minute with no answer from the server since),
 * or, with Enhanced Chat, while the token endpoint refuses guest tokens (no chat can start: a wrong org or deployment
 * name, a deployment not published); Enhanced Chat conversations count as sessions, their calls and streams as calls.
 * Ready before the first call: a component that has not been asked to call yet has nothing wrong with it, and a
 * readiness probe that waited for traffic would keep the traffic away. Details carry the component's name, the
 * session counts by state and the fault counters. The component registers one for its producers and one per
 * consumer, each with an id of its own.
 */
public final class LiveAgentHealthCheck implements HealthCheck {

    private static final long LOSS_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String id;
    private final String component;
    private final LiveAgentStatistics stats;
    private final Supplier<Map<String, Long>> sessionsByState;
    private boolean enabled = true;

    /**
     * @param id        the check's id, unique in the CamelContext
     * @param component the name the component is registered under (two liveagent components in one context differ)
     */
    public LiveAgentHealthCheck(String id, String component, LiveAgentStatistics stats,
                                Supplier<Map<String, Long>> sessionsByState) {
        this.id = id;
        this.component = component;
        this.stats = stats;
        this.sessionsByState = sessionsByState;
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        // a component that cannot reach the server recovers by itself when it can; restarting the JVM does not help
        return false;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder b = HealthCheckResultBuilder.on(this);
        b.detail("liveagent.component", component);
        sessionsByState.get().forEach((state, n) -> b.detail("liveagent.sessions." + state, n));
        b.detail("liveagent.sessions.lost", stats.sessionsLost());
        b.detail("liveagent.handovers", stats.handovers());
        b.detail("liveagent.call.failures", stats.callFailures());
        b.detail("liveagent.events.delivered", stats.eventsDelivered());
        b.detail("liveagent.events.redelivered", stats.eventsRedelivered());
        if (stats.tokensIssued() > 0 || stats.tokensRefusedNow()) {
            b.detail("liveagent.enhanced.tokens.issued", stats.tokensIssued());
            b.detail("liveagent.enhanced.tokens.renewed", stats.tokenRenewals());
            b.detail("liveagent.enhanced.calls.unauthorized", stats.unauthorizedAnswers());
            b.detail("liveagent.enhanced.calls.throttled", stats.throttledAnswers());
            b.detail("liveagent.enhanced.streams.open", stats.openStreams());
            b.detail("liveagent.enhanced.streams.reconnects", stats.streamReconnects());
        }
        if (stats.clustered()) {
            b.detail("liveagent.cluster.shards.owned", stats.shardsOwned());
            b.detail("liveagent.cluster.takeovers", stats.takeovers());
            b.detail("liveagent.cluster.takeover.max.ms", stats.maxTakeoverMillis());
            b.detail("liveagent.cluster.calls.sent", stats.sharedCalls());
        }
        if (!stats.hasAnswered() && !stats.failingNow()) {
            return b.up().message("No call made to the Chat API yet").build();
        }
        if (stats.losingSessions(LOSS_WINDOW_NANOS)) {
            return b.down().message("Chat sessions are being lost: the last one within a minute, and the Chat API has not"
                                    + " answered since").build();
        }
        if (stats.tokensRefusedNow()) {
            return b.down().message("The Enhanced Chat token endpoint refuses guest access tokens (latest answer: HTTP "
                                    + stats.lastTokenRefusal() + "): no chat can start; check organizationId and"
                                    + " esDeveloperName, and that the deployment is published").build();
        }
        if (stats.failingNow()) {
            return b.down().message("The latest call to the Chat API failed without an answer (" + stats.lastFailure() + ")")
                    .build();
        }
        return b.up().build();
    }
}
