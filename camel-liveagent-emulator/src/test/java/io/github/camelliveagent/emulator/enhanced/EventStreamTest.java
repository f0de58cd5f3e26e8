package io.github.camelliveagent.emulator.enhanced;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.enhanced.token.OrgIds;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** miaw-api.md §5 and §9.13–16: the stream's headers, framing, ids, pings, replay and its end. */
class EventStreamTest extends EnhancedChatTestBase {

    @Override
    protected EnhancedChatSettings settings() {
        return EnhancedChatSettings.builder().pingInterval(Duration.ofMillis(200)).build();
    }

    @Test
    void streamNeedsTheFifteenCharacterOrgIdOfTheToken() {
        EnhancedClient c = client();

        try (SseStream missing = c.stream(null, null);
             SseStream eighteen = c.stream(null, OrgIds.to18(c.orgId));
             SseStream other = c.stream(null, "00D000000000002")) {
            assertThat(missing.status()).isEqualTo(400);
            assertThat(eighteen.status()).isEqualTo(400);
            assertThat(other.status()).isEqualTo(400);
        }
        try (SseStream s = c.stream(null, c.orgId)) {
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.header("Content-Type")).startsWith("text/event-stream");
        }
        EnhancedClient raw = client();
        var r = raw.exchange(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emu.baseUrl() + "/eventrouter/v1/sse"))
                .header("Authorization", "Bearer " + raw.token).header("X-Org-Id", OrgIds.to18(raw.orgId)).build());
        assertThat(r.json().path("message").asText()).isEqualTo("OrgId in the header and token must match");
    }

    @Test
    void streamWithoutTokenIs401WithTheSpringStyleBody() {
        EnhancedClient c = new EnhancedClient(emu.baseUrl(), emu.enhancedChat());

        var r = c.exchange(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emu.baseUrl() + "/eventrouter/v1/sse"))
                .header("X-Org-Id", c.orgId).build());

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("status").asInt()).isEqualTo(401);
        assertThat(r.json().path("error").asText()).isEqualTo("Unauthorized");
        assertThat(r.json().path("path").asText()).isEqualTo("/eventrouter/v1/sse");
    }

    @Test
    void framesCarryIncreasingIdsAndPayloadsAsJsonStrings() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            emu.conversation(id).agentMessage("one");
            emu.conversation(id).agentMessage("two");
            List<SseFrame> said = s.awaitCount(f -> f.event().equals("CONVERSATION_MESSAGE"), 2);

            List<SseFrame> events = s.events();
            System.out.println("stream: " + events.size() + " events, " + (s.frames().size() - events.size()) + " pings");
            long previous = 0;
            for (SseFrame f : events) {
                assertThat(f.id()).as("every event has an id").matches("\\d+");
                assertThat(Long.parseLong(f.id())).isGreaterThan(previous);
                previous = Long.parseLong(f.id());
                assertThat(f.json().path("conversationEntry").path("entryPayload").isTextual()).isTrue();
                assertThat(f.json().path("conversationId").asText()).isEqualTo(id);
                assertThat(f.json().path("channelType").asText()).isEqualTo("embedded_messaging");
            }
            assertThat(said).extracting(f -> f.payload().path("abstractMessage").path("staticContent").path("text").asText())
                    .containsExactly("one", "two");
        }
    }

    @Test
    void pingsComeWithoutIdsWhileNothingHappens() {
        EnhancedClient c = client();
        try (SseStream s = c.stream()) {
            List<SseFrame> pings = s.awaitCount(f -> f.event().equals("ping"), 3);

            System.out.println("pings: " + pings.size());
            assertThat(pings).allSatisfy(p -> assertThat(p.id()).isNull());
            assertThat(s.events()).isEmpty();
        }
    }

    @Test
    void lastEventIdReplaysWhatCameAfterItThenStreamsLive() {
        EnhancedClient c = client();
        String id = created(c);
        String firstId;
        try (SseStream s = joined(c, id)) {
            firstId = s.events().get(0).id();
        }
        emu.conversation(id).agentMessage("while you were away");

        try (SseStream resumed = c.stream(firstId, c.orgId)) {
            SseFrame missed = resumed.await("CONVERSATION_MESSAGE");
            emu.conversation(id).agentMessage("live");
            List<SseFrame> messages = resumed.awaitCount(f -> f.event().equals("CONVERSATION_MESSAGE"), 2);

            assertThat(missed.payload().path("abstractMessage").path("staticContent").path("text").asText())
                    .isEqualTo("while you were away");
            assertThat(messages.get(1).payload().path("abstractMessage").path("staticContent").path("text").asText())
                    .isEqualTo("live");
            assertThat(resumed.events()).extracting(SseFrame::id).doesNotContain(firstId).doesNotHaveDuplicates();
        }
    }

    @Test
    void tokensLastEventIdReplaysTheEventsOfACreateMadeBeforeTheStreamOpened() {
        EnhancedClient c = client();
        String id = created(c); // the routing result is sent before any stream is open

        try (SseStream s = c.stream()) {
            assertThat(s.await("CONVERSATION_ROUTING_RESULT").json().path("conversationId").asText()).isEqualTo(id);
        }
        try (SseStream noPosition = c.stream(null, c.orgId)) {
            emu.conversation(id).queueUpdate(2);
            noPosition.await("CONVERSATION_QUEUE_POSITION");
            assertThat(noPosition.events()).as("without Last-Event-Id only new events")
                    .extracting(SseFrame::event).containsExactly("CONVERSATION_QUEUE_POSITION");
        }
    }

    @Test
    void oneStreamCarriesEveryConversationOfTheEndUser() {
        EnhancedClient c = client();
        try (SseStream s = c.stream()) {
            String first = created(c);
            String second = created(c);

            List<SseFrame> routed = s.awaitCount(f -> f.event().equals("CONVERSATION_ROUTING_RESULT"), 2);

            assertThat(routed).extracting(f -> f.json().path("conversationId").asText()).containsExactly(first, second);
        }
    }

    @Test
    void eventsOfOtherEndUsersNeverReachTheStream() {
        EnhancedClient mine = client();
        EnhancedClient theirs = client();
        try (SseStream s = mine.stream()) {
            String other = created(theirs);
            emu.awaitConversation(other, Duration.ofSeconds(5)).accept("Ann");
            String own = created(mine);

            s.await(f -> f.event().equals("CONVERSATION_ROUTING_RESULT"));
            assertThat(s.events()).allSatisfy(f -> assertThat(f.json().path("conversationId").asText()).isEqualTo(own));
        }
    }

    @Test
    void serverClosesStreamsAfterTheirMaximumAge() throws Exception {
        try (LiveAgentEmulator ageing = EmulatorTestBase.eventIndexBuilder().enhancedChat(EnhancedChatSettings.builder()
                .streamMaxAge(Duration.ofMillis(300)).build()).build().start()) {
            EnhancedClient c = new EnhancedClient(ageing.baseUrl(), ageing.enhancedChat()).login();
            try (SseStream s = c.stream()) {
                assertThat(s.status()).isEqualTo(200);
                assertThat(s.awaitEnd(Duration.ofSeconds(5))).as("closed by the server").isTrue();
            }
        }
    }

    @Test
    void eventsBeyondTheRetentionAreAGapThatOnlyTheEntriesFill() {
        try (LiveAgentEmulator forgetful = EmulatorTestBase.eventIndexBuilder().enhancedChat(EnhancedChatSettings.builder()
                .replayRetention(2).build()).build().start()) {
            EnhancedClient c = new EnhancedClient(forgetful.baseUrl(), forgetful.enhancedChat()).login();
            String start = c.lastEventId;
            String id = EnhancedClient.uuid();
            c.create(id, Map.of());
            forgetful.awaitConversation(id, Duration.ofSeconds(5)).accept("Ann");
            forgetful.conversation(id).agentMessage("first");
            forgetful.conversation(id).agentMessage("second");

            try (SseStream s = c.stream(start, c.orgId)) {
                List<SseFrame> kept = s.awaitCount(f -> f.event().equals("CONVERSATION_MESSAGE"), 2);
                assertThat(kept).hasSize(2);
                assertThat(s.events()).as("only the 2 newest are kept").hasSize(2);
            }
            var history = c.entries(id, "direction=FromStart&entryTypeFilter=RoutingResult,Message").json()
                    .path("conversationEntries");
            assertThat(history.size()).isEqualTo(3);
            assertThat(history.path(0).path("entryType").asText()).isEqualTo("RoutingResult");
        }
    }
}
