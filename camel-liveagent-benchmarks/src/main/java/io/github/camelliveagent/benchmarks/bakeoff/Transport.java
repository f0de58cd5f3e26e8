package io.github.camelliveagent.benchmarks.bakeoff;

import java.util.concurrent.CompletableFuture;

/**
 * One HTTP client under test in the bake-off: sends one Chat REST call with the Live Agent headers and completes with
 * the status and body, without holding a thread while the server holds the call.
 */
interface Transport extends AutoCloseable {

    /**
     * @param method     GET or POST
     * @param resource   below {@code /chat/rest/}, e.g. {@code System/Messages}
     * @param query      an encoded query, or null
     * @param affinity   X-LIVEAGENT-AFFINITY
     * @param key        X-LIVEAGENT-SESSION-KEY, or null
     * @param sequence   X-LIVEAGENT-SEQUENCE, or a negative number to omit it
     * @param body       a JSON body, or null
     * @return the reply; a network failure or time-out completes it exceptionally
     */
    CompletableFuture<Reply> call(String method, String resource, String query, String affinity, String key,
                                  long sequence, byte[] body);

    record Reply(int status, byte[] body) {
    }

    @Override
    void close() throws Exception;
}
