package io.github.camelliveagent.emulator.enhanced;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** miaw-api.md §3 and §9.2, 7–9, 12, 15, 19–20: create, list, status, entries, close, and their rules. */
class ConversationRulesTest extends EnhancedChatTestBase {

    private static final String UUID_MESSAGE = "Specify the conversationId in UUID format. The UUID must be in lowercase.";

    @Test
    void conversationIdMustBeALowercaseUuidVersion4() {
        EnhancedClient c = client();
        String upper = EnhancedClient.uuid().toUpperCase();
        String version1 = "3f1c2a4e-9b7d-1c3e-8a21-5d6f7e8a9b0c";
        String badVariant = "3f1c2a4e-9b7d-4c3e-2a21-5d6f7e8a9b0c";

        for (String bad : new String[] {upper, version1, badVariant, "conversation-1"}) {
            Reply r = c.create(bad, Map.of());
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().path("message").asText()).isEqualTo(UUID_MESSAGE);
        }
        assertThat(c.create(EnhancedClient.uuid(), Map.of()).status()).as("a lowercase v4").isEqualTo(201);
    }

    @Test
    void aTakenConversationIdIs409() {
        EnhancedClient c = client();
        String id = created(c);

        Reply again = c.create(id, Map.of());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("errorCode").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void createNeedsTheTokensDeploymentAndNoStrayFields() {
        EnhancedClient c = client();
        String id = EnhancedClient.uuid();

        Reply wrongDeployment = c.post(EnhancedClient.V2 + "conversation",
                "{\"conversationId\":\"" + id + "\",\"esDeveloperName\":\"Other\"}");
        Reply missingDeployment = c.post(EnhancedClient.V2 + "conversation", "{\"conversationId\":\"" + id + "\"}");
        Reply stray = c.post(EnhancedClient.V2 + "conversation", "{\"conversationId\":\"" + id
                + "\",\"esDeveloperName\":\"Emulated_Custom_Client\",\"buttonId\":\"573\"}");

        assertThat(wrongDeployment.status()).isEqualTo(400);
        assertThat(wrongDeployment.json().path("message").asText()).contains("esDeveloperName");
        assertThat(missingDeployment.status()).isEqualTo(400);
        assertThat(stray.status()).isEqualTo(400);
        assertThat(stray.json().path("message").asText()).contains("buttonId");
        assertThat(emu.conversations()).noneMatch(conv -> conv.id().equals(id));
    }

    @Test
    void routingAttributesReachTheConversation() {
        EnhancedClient c = client();
        String id = EnhancedClient.uuid();

        c.create(id, Map.of("_firstName", "Ada", "_lastName", "Lovelace", "CaseNumber", "00001026"));

        EnhancedConversation conv = emu.awaitConversation(id, Duration.ofSeconds(5));
        assertThat(conv.routingAttributes()).containsEntry("CaseNumber", "00001026");
        assertThat(conv.visitorName()).isEqualTo("Ada Lovelace");
    }

    @Test
    void unconfiguredPrechatKeysCanBeRefused() {
        try (LiveAgentEmulator strict = EmulatorTestBase.eventIndexBuilder().enhancedChat(EnhancedChatSettings.builder()
                .prechatFields(Set.of("_firstName", "CaseNumber"), EnhancedChatSettings.UnknownRoutingAttributes.REJECT)
                .build()).build().start()) {
            EnhancedClient c = new EnhancedClient(strict.baseUrl(), strict.enhancedChat()).login();

            Reply bad = c.create(EnhancedClient.uuid(), Map.of("Product", "X"));
            Reply good = c.create(EnhancedClient.uuid(), Map.of("CaseNumber", "1"));

            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().path("message").asText()).contains("Product").contains("CaseNumber");
            assertThat(good.status()).isEqualTo(201);
        }
    }

    @Test
    void createCanAnswer200WithAnEmptyBody() {
        try (LiveAgentEmulator ok = EmulatorTestBase.eventIndexBuilder().enhancedChat(EnhancedChatSettings.builder()
                .createStatus(200).build()).build().start()) {
            EnhancedClient c = new EnhancedClient(ok.baseUrl(), ok.enhancedChat()).login();

            Reply r = c.create(EnhancedClient.uuid(), Map.of());

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void anotherEndUsersConversationIsUnknown() {
        EnhancedClient owner = client();
        String id = created(owner);
        EnhancedClient stranger = client();

        assertThat(stranger.status(id).status()).isEqualTo(404);
        assertThat(stranger.message(id, "hi").status()).isEqualTo(404);
        assertThat(stranger.close(id).status()).isEqualTo(404);
        assertThat(emu.conversation(id).closed()).isFalse();
    }

    @Test
    void anotherEndUsersConversationCanBeAnswered403() {
        try (LiveAgentEmulator forbidding = EmulatorTestBase.eventIndexBuilder().enhancedChat(EnhancedChatSettings.builder()
                .foreignConversationStatus(403).build()).build().start()) {
            EnhancedClient owner = new EnhancedClient(forbidding.baseUrl(), forbidding.enhancedChat()).login();
            String id = EnhancedClient.uuid();
            owner.create(id, Map.of());
            EnhancedClient stranger = new EnhancedClient(forbidding.baseUrl(), forbidding.enhancedChat()).login();

            assertThat(stranger.status(id).status()).isEqualTo(403);
            assertThat(stranger.status(EnhancedClient.uuid()).status()).as("an unknown id stays 404").isEqualTo(404);
        }
    }

    @Test
    void listShowsOpenConversationsAndClosedOnesOnRequest() {
        EnhancedClient c = client();
        String open = created(c);
        String closed = created(c);
        c.close(closed);

        var onlyOpen = c.list(null).json();
        var all = c.list("inclClosedConvs=true&limit=50").json();

        assertThat(onlyOpen.path("openConversationsFound").asInt()).isEqualTo(1);
        assertThat(onlyOpen.path("conversations").path(0).path("conversationId").asText()).isEqualTo(open);
        assertThat(onlyOpen.path("conversations").path(0).path("endTimestamp").isNull()).isTrue();
        assertThat(all.path("closedConversationsFound").asInt()).isEqualTo(1);
        assertThat(all.path("conversations").size()).isEqualTo(2);
        assertThat(all.path("conversations").path(0).path("conversationId").asText()).as("newest first").isEqualTo(closed);
        assertThat(all.path("conversations").path(0).path("endTimestamp").asLong()).isPositive();
        assertThat(c.list("limit=51").status()).isEqualTo(400);
    }

    @Test
    void entriesAreHistoryWithObjectPayloadsPagedAndFiltered() {
        EnhancedClient c = client();
        String id = created(c);
        emu.awaitConversation(id, Duration.ofSeconds(5)).accept("Ann");
        for (int i = 1; i <= 3; i++) {
            emu.conversation(id).agentMessage("m" + i);
        }

        var newest = c.entries(id, "limit=2&entryTypeFilter=Message").json().path("conversationEntries");
        var oldest = c.entries(id, "direction=FromStart&entryTypeFilter=Message").json().path("conversationEntries");
        var all = c.entries(id, null).json().path("conversationEntries");

        assertThat(newest.size()).isEqualTo(2);
        assertThat(newest.path(0).path("entryPayload").isObject()).as("an object, not a string").isTrue();
        assertThat(newest.path(0).path("entryPayload").path("abstractMessage").path("staticContent").path("text").asText())
                .isEqualTo("m3");
        assertThat(oldest.path(0).path("entryPayload").path("abstractMessage").path("staticContent").path("text").asText())
                .isEqualTo("m1");
        assertThat(all.size()).as("routing, session status, participant and messages").isGreaterThanOrEqualTo(6);
        long first = oldest.path(0).path("transcriptedTimestamp").asLong();
        long last = oldest.path(2).path("transcriptedTimestamp").asLong();
        assertThat(c.entries(id, "entryTypeFilter=Message&startTimestamp=" + first).json().path("conversationEntries").size())
                .as("the window is inclusive").isEqualTo(3);
        assertThat(c.entries(id, "entryTypeFilter=Message&endTimestamp=" + (first - 1)).json().path("conversationEntries"))
                .isEmpty();
        assertThat(c.entries(id, "entryTypeFilter=Message&startTimestamp=" + (last + 1)).json().path("conversationEntries"))
                .isEmpty();
        assertThat(c.entries(id, "direction=Sideways").status()).isEqualTo(400);
        assertThat(c.entries(id, "limit=0").status()).isEqualTo(400);
    }

    @Test
    void closingTwiceOrWithoutTheDeploymentIsRefused() {
        EnhancedClient c = client();
        String id = created(c);

        Reply withoutName = c.send("DELETE", EnhancedClient.V2 + "conversation/" + id, null, true);
        Reply first = c.close(id);
        Reply second = c.close(id);

        assertThat(withoutName.status()).isEqualTo(400);
        assertThat(withoutName.json().path("message").asText()).contains("esDeveloperName");
        assertThat(first.status()).isEqualTo(204);
        assertThat(second.status()).isEqualTo(400);
    }

    @Test
    void unknownResourcesAndMethodsAreRefused() {
        EnhancedClient c = client();
        String id = created(c);

        Reply plural = c.get(EnhancedClient.V2 + "conversations/" + id); // pitfall of AI-written clients (§7)
        Reply wrongMethod = c.send("PUT", EnhancedClient.V2 + "conversation/" + id, "{}", true);

        assertThat(plural.status()).isEqualTo(404);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("DELETE, GET");
    }
}
