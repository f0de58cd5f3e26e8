package io.github.camelliveagent.component.observe;

import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;

/**
 * Publishes a component's statistics as Micrometer meters ({@code liveagent.*}) in the {@link MeterRegistry} of the
 * Camel registry, when Micrometer is on the class path and such a registry is bound (as camel-micrometer, Spring Boot
 * or Quarkus set it up). Only {@link #bindIfPresent} may be called without Micrometer present: the meter types are
 * referenced by a nested class that is loaded only when it is.
 */
public final class MicrometerBinding {

    private MicrometerBinding() {
    }

    /** @return whether meters were bound */
    public static boolean bindIfPresent(CamelContext context, String component, LiveAgentStatistics stats,
                                        Supplier<Map<String, Long>> sessionsByState) {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry", false, MicrometerBinding.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return false;
        }
        return Meters.bind(context, component, stats, sessionsByState);
    }

    private static final class Meters {

        static boolean bind(CamelContext context, String component, LiveAgentStatistics stats,
                            Supplier<Map<String, Long>> sessionsByState) {
            MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
            if (registry == null) {
                return false;
            }
            for (String state : sessionsByState.get().keySet()) {
                Gauge.builder("liveagent.sessions", () -> sessionsByState.get().getOrDefault(state, 0L))
                        .description("Chat sessions held by the component, by state")
                        .tag("component", component).tag("state", state).register(registry);
            }
            counter(registry, component, "liveagent.sessions.opened", "Sessions opened", stats, LiveAgentStatistics::sessionsOpened);
            counter(registry, component, "liveagent.sessions.restored", "Sessions resumed from the session store", stats,
                    LiveAgentStatistics::sessionsRestored);
            counter(registry, component, "liveagent.sessions.lost", "Sessions that could not be kept alive", stats,
                    LiveAgentStatistics::sessionsLost);
            counter(registry, component, "liveagent.handovers", "Server hand-overs (503) run", stats, LiveAgentStatistics::handovers);
            counter(registry, component, "liveagent.polls", "Messages polls answered", stats, LiveAgentStatistics::polls);
            counter(registry, component, "liveagent.polls.empty", "Messages polls answered 204", stats,
                    LiveAgentStatistics::emptyPolls);
            counter(registry, component, "liveagent.events.delivered", "Events handed to routes", stats,
                    LiveAgentStatistics::eventsDelivered);
            counter(registry, component, "liveagent.events.redelivered", "Events handed to routes again after a failure", stats,
                    LiveAgentStatistics::eventsRedelivered);
            counter(registry, component, "liveagent.calls.failed", "Calls that failed without an answer", stats,
                    LiveAgentStatistics::callFailures);
            counter(registry, component, "liveagent.tokens.issued", "Enhanced Chat access tokens issued (guest and continuation)",
                    stats, LiveAgentStatistics::tokensIssued);
            counter(registry, component, "liveagent.tokens.renewed", "Enhanced Chat access tokens renewed (continuation)",
                    stats, LiveAgentStatistics::tokenRenewals);
            counter(registry, component, "liveagent.calls.unauthorized", "Enhanced Chat calls and streams answered 401",
                    stats, LiveAgentStatistics::unauthorizedAnswers);
            counter(registry, component, "liveagent.calls.throttled", "Enhanced Chat calls and streams answered 429", stats,
                    LiveAgentStatistics::throttledAnswers);
            Gauge.builder("liveagent.cluster.shards.owned", stats, LiveAgentStatistics::shardsOwned)
                    .description("Shards this node owns (high availability; 0 on a single node)")
                    .tag("component", component).register(registry);
            counter(registry, component, "liveagent.cluster.takeovers", "Shards whose chats this node took over", stats,
                    LiveAgentStatistics::takeovers);
            counter(registry, component, "liveagent.cluster.calls.sent",
                    "Calls recorded in the shared outbox that this node sent as the chat's owner", stats,
                    LiveAgentStatistics::sharedCalls);
            counter(registry, component, "liveagent.streams.reconnects", "Enhanced Chat event streams reopened", stats,
                    LiveAgentStatistics::streamReconnects);
            Gauge.builder("liveagent.streams.open", stats, LiveAgentStatistics::openStreams)
                    .description("Enhanced Chat event streams open now").tag("component", component).register(registry);
            Gauge.builder("liveagent.poll.roundtrip.mean", stats, LiveAgentStatistics::meanPollMillis).baseUnit("milliseconds")
                    .description("Mean round trip of a Messages poll, hold time included").tag("component", component)
                    .register(registry);
            Gauge.builder("liveagent.poll.roundtrip.max", stats, LiveAgentStatistics::maxPollMillis).baseUnit("milliseconds")
                    .description("Longest round trip of a Messages poll").tag("component", component).register(registry);
            Gauge.builder("liveagent.polls.empty.streak.max", stats, LiveAgentStatistics::longestEmptyPollStreak)
                    .description("Longest run of 204 answers in a row on one session").tag("component", component)
                    .register(registry);
            return true;
        }

        private static void counter(MeterRegistry registry, String component, String name, String description,
                                    LiveAgentStatistics stats, java.util.function.ToLongFunction<LiveAgentStatistics> f) {
            FunctionCounter.builder(name, stats, s -> f.applyAsLong(s)).description(description).tag("component", component)
                    .register(registry);
        }
    }
}
