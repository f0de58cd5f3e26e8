package io.github.camelliveagent.emulator.http;

import io.github.camelliveagent.emulator.session.Outcome;
import io.github.camelliveagent.emulator.session.PollResponder;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A parked Messages request. It may be completed from any thread (a test playing the agent, a timer), so the
 * write is handed back to the request's own event-loop context.
 */
final class HeldPollResponder implements PollResponder {

    private final HttpServerRequest request;
    private final Context context;
    private final Replies replies;
    private final Supplier<Duration> latency;

    HeldPollResponder(HttpServerRequest request, Context context, Replies replies, Supplier<Duration> latency) {
        this.request = request;
        this.context = context;
        this.replies = replies;
        this.latency = latency;
    }

    @Override
    public void respond(Outcome outcome) {
        context.runOnContext(v -> replies.send(request, outcome, latency.get()));
    }

    @Override
    public String client() {
        var remote = request.remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress() + ":" + remote.port();
    }

    @Override
    public void drop() {
        context.runOnContext(v -> request.connection().close());
    }
}
