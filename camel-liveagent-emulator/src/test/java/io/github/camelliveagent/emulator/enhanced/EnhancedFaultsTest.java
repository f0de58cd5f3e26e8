package io.github.camelliveagent.emulator.enhanced;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Enhanced Chat faults of issue 14 through the same fault API: drop, expiry, 5xx, 429, 417, doubles, gaps. */
class EnhancedFaultsTest extends EnhancedChatTestBase {

    @Test
    void droppedStreamEndsAndAResumeGetsWhatCameMeanwhile() throws Exception {
        EnhancedClient c = client();
        String id = created(c);
        SseStream s = joined(c, id);
        String last = s.events().get(s.events().size() - 1).id();

        emu.conversation(id).faults().dropStream();

        assertThat(s.awaitEnd(Duration.ofSeconds(5))).as("the connection was closed").isTrue();
        emu.conversation(id).agentMessage("after the drop");
        try (SseStream resumed = c.stream(last, c.orgId)) {
            assertThat(resumed.await("CONVERSATION_MESSAGE").payload().path("abstractMessage").path("staticContent")
                    .path("text").asText()).isEqualTo("after the drop");
        }
        s.close();
    }

    @Test
    void globalDropClosesEveryStream() throws Exception {
        SseStream a = client().stream();
        SseStream b = client().stream();

        emu.faults().dropStream();

        assertThat(a.awaitEnd(Duration.ofSeconds(5))).isTrue();
        assertThat(b.awaitEnd(Duration.ofSeconds(5))).isTrue();
        a.close();
        b.close();
    }

    @Test
    void expireMakesTokens401AndEndsTheirStreams() throws Exception {
        EnhancedClient c = client();
        String id = created(c);
        SseStream s = c.stream();

        emu.conversation(id).faults().expire();

        assertThat(s.awaitEnd(Duration.ofSeconds(5))).isTrue();
        assertThat(c.status(id).status()).isEqualTo(401);
        assertThat(c.continuation().status()).isEqualTo(401);
        EnhancedClient other = client();
        assertThat(other.list(null).status()).as("another end user's token is unaffected").isEqualTo(200);
        s.close();
    }

    @Test
    void expiredStreamCanSayJwtIsExpiredBeforeClosing() throws Exception {
        try (LiveAgentEmulator chatty = EmulatorTestBase.eventIndexBuilder().enhancedChat(EnhancedChatSettings.builder()
                .expiredStream(EnhancedChatSettings.ExpiredStream.JWT_EXPIRED_MESSAGE).build()).build().start()) {
            EnhancedClient c = new EnhancedClient(chatty.baseUrl(), chatty.enhancedChat()).login();
            try (SseStream s = c.stream()) {
                chatty.faults().expire();

                assertThat(s.awaitEnd(Duration.ofSeconds(5))).isTrue();
                assertThat(s.rawLines()).contains("data:Jwt is expired");
            }
        }
    }

    @Test
    void failNextAnswersTheNextCallWithTheStatus() {
        EnhancedClient c = client();
        String id = created(c);

        emu.faults().failNext(503);
        Reply failed = c.message(id, "first try");
        Reply retried = c.message(id, "first try");
        emu.conversation(id).faults().failNextPost(500);
        Reply get = c.status(id);
        Reply post = c.message(id, "second");

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().path("errorCode").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(retried.status()).isEqualTo(202);
        assertThat(get.status()).as("a GET does not consume a POST fault").isEqualTo(200);
        assertThat(post.status()).isEqualTo(500);
        assertThat(emu.conversation(id).transcript().visitorMessages()).containsExactly("first try");
    }

    @Test
    void rateLimitsAnswer429AtThePublishedLimits() {
        emu.faults().rateLimits();
        EnhancedClient c = client();
        List<Integer> creates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            creates.add(c.create(EnhancedClient.uuid(), Map.of()).status());
        }
        List<Integer> messages = new ArrayList<>();
        String conversation = c.list(null).json().path("conversations").path(0).path("conversationId").asText();
        for (int i = 0; i < 23; i++) {
            messages.add(c.message(conversation, "m" + i).status());
        }
        System.out.println("creates " + creates + "; messages: " + messages.stream().filter(s -> s == 202).count()
                + " accepted, " + messages.stream().filter(s -> s == 429).count() + " limited");

        assertThat(creates).containsExactly(201, 201, 201, 429);
        assertThat(messages.subList(0, 22)).containsOnly(202);
        assertThat(messages.get(22)).isEqualTo(429);
        emu.faults().clear();
        assertThat(c.message(conversation, "after clear").status()).isEqualTo(202);
    }

    @Test
    void tokenMintsAreLimitedTo200PerMinutePerOrg() {
        // an emulator of its own: the org's window would still be full for the other tests
        try (LiveAgentEmulator own = EmulatorTestBase.eventIndexBuilder().build().start()) {
            own.faults().rateLimits();
            EnhancedClient c = new EnhancedClient(own.baseUrl(), own.enhancedChat());
            int ok = 0;
            int limited = 0;
            for (int i = 0; i < 201; i++) {
                int status = c.mint(c.tokenRequest()).status();
                ok += status == 200 ? 1 : 0;
                limited += status == 429 ? 1 : 0;
            }
            System.out.println("token mints: " + ok + " issued, " + limited + " limited");

            assertThat(ok).isEqualTo(200);
            assertThat(limited).isEqualTo(1);
        }
    }

    @Test
    void newSessionRequiredAnswers417UntilTheFlagComes() {
        EnhancedClient c = client();
        String id = created(c);
        emu.awaitConversation(id, Duration.ofSeconds(5)).accept("Ann");

        emu.conversation(id).faults().newSessionRequired();
        Reply refused = c.message(id, "hello?");
        Reply refusedAgain = c.message(id, "hello?");
        Reply accepted = c.message(id, EnhancedClient.uuid(), "hello?", true);

        assertThat(refused.status()).isEqualTo(417);
        assertThat(refused.json().path("errorCode").asText()).isEqualTo("EXPECTATION_FAILED");
        assertThat(refusedAgain.status()).isEqualTo(417);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(c.message(id, "and then").status()).isEqualTo(202);
    }

    @Test
    void duplicateOnResumeDeliversTheLastSeenEventAgain() {
        EnhancedClient c = client();
        String id = created(c);
        String last;
        try (SseStream s = joined(c, id)) {
            emu.conversation(id).agentMessage("seen");
            last = s.await("CONVERSATION_MESSAGE").id();
        }

        emu.faults().duplicateNextEvent();
        try (SseStream again = c.stream(last, c.orgId)) {
            SseFrame first = again.await("CONVERSATION_MESSAGE");
            assertThat(first.id()).isEqualTo(last);
        }
        try (SseStream normal = c.stream(last, c.orgId)) {
            emu.conversation(id).agentMessage("new");
            SseFrame next = normal.await("CONVERSATION_MESSAGE");
            assertThat(next.id()).as("the fault was one-shot").isNotEqualTo(last);
        }
    }

    @Test
    void replayGapResumesWithoutTheMissedEventsWhichTheEntriesStillHave() {
        EnhancedClient c = client();
        String id = created(c);
        String last;
        try (SseStream s = joined(c, id)) {
            last = s.events().get(s.events().size() - 1).id();
        }
        emu.conversation(id).agentMessage("missed");

        emu.conversation(id).faults().replayGap();
        try (SseStream resumed = c.stream(last, c.orgId)) {
            emu.conversation(id).agentMessage("live");
            SseFrame first = resumed.await("CONVERSATION_MESSAGE");

            assertThat(first.payload().path("abstractMessage").path("staticContent").path("text").asText()).isEqualTo("live");
        }
        var history = c.entries(id, "entryTypeFilter=Message&direction=FromStart").json().path("conversationEntries");
        assertThat(history.path(0).path("entryPayload").path("abstractMessage").path("staticContent").path("text").asText())
                .isEqualTo("missed");
    }

    @Test
    void latencyDelaysAnswers() {
        EnhancedClient c = client();
        String id = created(c);
        emu.conversation(id).faults().latency(Duration.ofMillis(400));

        long start = System.nanoTime();
        Reply r = c.status(id);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        System.out.println("status with 400 ms latency took " + tookMs + " ms");
        assertThat(r.status()).isEqualTo(200);
        assertThat(tookMs).isGreaterThanOrEqualTo(400);
    }
}
