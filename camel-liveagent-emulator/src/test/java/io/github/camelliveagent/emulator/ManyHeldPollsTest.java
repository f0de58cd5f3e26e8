package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import static io.github.camelliveagent.emulator.support.RestClient.AFFINITY;
import static io.github.camelliveagent.emulator.support.RestClient.KEY;
import static io.github.camelliveagent.emulator.support.RestClient.VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Held polls are parked responses, not threads: thousands of them run on the emulator's few threads. */
class ManyHeldPollsTest {

    // override with -DheldPolls=N for a bigger measurement (mind the open-file limit: two sockets per poll)
    private static final int SESSIONS = Integer.getInteger("heldPolls", 2000);

    @Test
    void thousandsOfConcurrentHeldPollsNeedOnlyAFewThreads() throws Exception {
        ExecutorService clientPool = Executors.newFixedThreadPool(4);
        try (LiveAgentEmulator emu = EmulatorTestBase.eventIndexBuilder().holdTime(Duration.ofSeconds(20))
                .clientPollTimeout(Duration.ofSeconds(60)).build().start()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientPool)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            RestClient client = new RestClient(emu.baseUrl(), http);

            // create the sessions over a bounded number of connections
            Semaphore window = new Semaphore(64);
            List<CompletableFuture<Reply>> created = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                window.acquire();
                created.add(client.sendAsync("GET", "/chat/rest/System/SessionId", null, VERSION, "42", AFFINITY, "null")
                        .whenComplete((r, e) -> window.release()));
            }
            CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).join();

            // one long poll per session, all at once: each needs its own connection
            List<CompletableFuture<Reply>> polls = new ArrayList<>();
            for (CompletableFuture<Reply> c : created) {
                var json = c.join().json();
                polls.add(client.sendAsync("GET", "/chat/rest/System/Messages?ack=-1", null, VERSION, "42",
                        AFFINITY, json.path("affinityToken").asText(), KEY, json.path("key").asText()));
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> emu.sessions().stream().filter(EmulatedSession::pollInFlight).count() == SESSIONS);

            long emulatorThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("vert.x-") || t.getName().startsWith("vertx-")).count();
            int jvmThreads = Thread.activeCount();
            System.out.printf("HELD-POLLS: %d polls held at once; emulator (Vert.x) threads: %d; all JVM threads: %d%n",
                    SESSIONS, emulatorThreads, jvmThreads);
            assertThat(emulatorThreads).isLessThanOrEqualTo(4);

            // wake every poll with an event instead of waiting out the hold
            emu.sessions().forEach(s -> s.emit("Ping", null));
            List<Reply> replies = polls.stream().map(CompletableFuture::join).toList();
            assertThat(replies).hasSize(SESSIONS).allMatch(r -> r.status() == 200 && r.types().equals(List.of("Ping")));
        } finally {
            clientPool.shutdownNow();
        }
    }
}
