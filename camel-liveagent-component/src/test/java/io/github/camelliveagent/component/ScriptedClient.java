package io.github.camelliveagent.component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.client.LiveAgentRequest;

/**
 * A {@link LiveAgentClient} that plays the server from a script, for tests that pin what the component does with
 * each answer (and when): SessionId and ChasitorInit succeed; Messages polls and the other POSTs are answered by the
 * test. Every call is recorded with the time it was made. A call the script leaves unanswered stays open until the
 * client is closed, like a long poll the server holds.
 */
final class ScriptedClient implements LiveAgentClient {

    /** A call as the component made it. */
    record Call(long nanos, String method, String path, String query, Long sequence, String body) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Queue<CompletableFuture<LiveAgentReply>> open = new ConcurrentLinkedQueue<>();
    private final int clientPollTimeoutSeconds;
    private final CompletableFuture<Void> initAnswered = new CompletableFuture<>();
    private volatile Function<Call, CompletableFuture<LiveAgentReply>> messages = c -> null;
    private volatile Function<Call, CompletableFuture<LiveAgentReply>> posts = c -> ok();
    private volatile Function<Call, CompletableFuture<LiveAgentReply>> reconnect = c -> status(405);

    ScriptedClient(int clientPollTimeoutSeconds) {
        this.clientPollTimeoutSeconds = clientPollTimeoutSeconds;
    }

    /** How Messages polls are answered; null leaves the poll open. */
    ScriptedClient messages(Function<Call, CompletableFuture<LiveAgentReply>> answer) {
        this.messages = answer;
        return this;
    }

    /** How POSTs other than ChasitorInit (and DELETEs) are answered. */
    ScriptedClient posts(Function<Call, CompletableFuture<LiveAgentReply>> answer) {
        this.posts = answer;
        return this;
    }

    /** The answer, once ChasitorInit has been answered: a startChat can complete before the session is given up. */
    CompletableFuture<LiveAgentReply> afterInit(java.util.function.Supplier<CompletableFuture<LiveAgentReply>> answer) {
        return initAnswered.thenCompose(v -> answer.get());
    }

    /** How System/ReconnectSession is answered (by default 405: no hand-over pending). */
    ScriptedClient reconnect(Function<Call, CompletableFuture<LiveAgentReply>> answer) {
        this.reconnect = answer;
        return this;
    }

    /** A ReconnectSession reply with a new affinity token. */
    static CompletableFuture<LiveAgentReply> reconnected(String affinityToken, boolean resetSequence) {
        String json = "{\"messages\":[{\"type\":\"ReconnectSession\",\"message\":{\"resetSequence\":" + resetSequence
                      + ",\"affinityToken\":\"" + affinityToken + "\"}}]}";
        return CompletableFuture.completedFuture(new LiveAgentReply(200, json.getBytes(StandardCharsets.UTF_8)));
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    static CompletableFuture<LiveAgentReply> ok() {
        return CompletableFuture.completedFuture(new LiveAgentReply(200, "OK".getBytes(StandardCharsets.UTF_8)));
    }

    static CompletableFuture<LiveAgentReply> status(int status) {
        return CompletableFuture.completedFuture(new LiveAgentReply(status, new byte[0]));
    }

    static CompletableFuture<LiveAgentReply> networkFailure() {
        return CompletableFuture.failedFuture(new IOException("Connection reset (scripted)"));
    }

    /** A Messages reply: events as {@code type, messageJson} pairs, the sequence of the last one, an offset. */
    static CompletableFuture<LiveAgentReply> events(long sequence, long offset, String... typeAndMessage) {
        StringBuilder json = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < typeAndMessage.length; i += 2) {
            json.append(i > 0 ? "," : "").append("{\"type\":\"").append(typeAndMessage[i]).append("\",\"message\":")
                    .append(typeAndMessage[i + 1]).append('}');
        }
        json.append("],\"sequence\":").append(sequence).append(",\"offset\":").append(offset).append('}');
        return CompletableFuture.completedFuture(new LiveAgentReply(200, json.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public CompletableFuture<LiveAgentReply> send(LiveAgentRequest request) {
        Call call = new Call(System.nanoTime(), request.method(), request.path(), request.rawQuery(), request.sequence(),
                request.body() == null ? null : new String(request.body(), StandardCharsets.UTF_8));
        calls.add(call);
        CompletableFuture<LiveAgentReply> answer;
        if (request.path().equals("System/SessionId") && request.method().equals("GET")) {
            String id = UUID.randomUUID().toString();
            String json = "{\"id\":\"" + id + "\",\"key\":\"" + id + "!1700000000000!a2V5\",\"affinityToken\":\"abcd1234\","
                          + "\"clientPollTimeout\":" + clientPollTimeoutSeconds + "}";
            answer = CompletableFuture.completedFuture(new LiveAgentReply(200, json.getBytes(StandardCharsets.UTF_8)));
        } else if (request.path().equals("Chasitor/ChasitorInit")) {
            answer = ok();
            initAnswered.complete(null);
        } else if (request.path().equals("System/Messages")) {
            answer = messages.apply(call);
        } else if (request.path().equals("System/ReconnectSession")) {
            answer = reconnect.apply(call);
        } else {
            answer = posts.apply(call);
        }
        if (answer == null) {
            answer = new CompletableFuture<>();
            open.add(answer);
        }
        return answer;
    }

    @Override
    public void close() {
        open.forEach(f -> f.completeExceptionally(new IOException("client closed")));
        open.clear();
    }
}
