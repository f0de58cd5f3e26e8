package io.github.camelliveagent.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The server messages only the SDK handles (spec §4.2), sent through named control actions over real HTTP. */
class SdkEventsTest extends EmulatorTestBase {

    @Test
    void eachNamedActionSendsItsEventShapedAsTheSpecSays() {
        Visitor v = activeVisitor();
        long ack = v.poll(-1).sequence();
        action(v, "async-result", "{\"isSuccess\":false,\"error\":\"InternalFailure\"}");
        action(v, "sensitive-data-rules", "{}");
        action(v, "rich-message", "{\"type\":\"ChatWindowMenu\",\"items\":[\"Billing\",\"Delivery\"],\"header\":\"Pick one\"}");
        action(v, "agent-joined-conference", "{\"agentName\":\"Bob\"}");
        action(v, "agent-left-conference", "{\"agentName\":\"Bob\"}");
        action(v, "chat-resumed-after-transfer", "{\"agentName\":\"Ann\"}");

        Reply r = v.poll(ack);
        assertThat(r.types()).containsExactly("AsyncResult", "SensitiveDataRules", "RichMessage", "AgentJoinedConference",
                "AgentLeftConference", "ChatResumedAfterTransfer");
        assertThat(r.message("AsyncResult").path("isSuccess").asBoolean(true)).isFalse();
        assertThat(r.message("AsyncResult").path("error").asText()).isEqualTo("InternalFailure");
        JsonNode rule = r.message("SensitiveDataRules").path("sensitiveDataRules").get(0);
        assertThat(rule.path("actionType").asText()).isEqualTo("Replace");
        assertThat("4111 1111 1111 1111".replaceAll(rule.path("pattern").asText(), rule.path("replacement").asText()))
                .isEqualTo("****");
        JsonNode rich = r.message("RichMessage");
        assertThat(rich.path("type").asText()).isEqualTo("ChatWindowMenu");
        assertThat(rich.path("items").findValuesAsText("text")).containsExactly("Billing", "Delivery");
        assertThat(rich.path("header").asText()).isEqualTo("Pick one");
        assertThat(r.message("AgentJoinedConference").path("name").asText()).isEqualTo("Bob");
        assertThat(r.message("ChatResumedAfterTransfer").path("isTransferFailure").asBoolean(true)).isFalse();
        assertThat(emu.session(v.id).state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void aTransferToAnotherButtonPutsTheChatBackInTheQueueUntilAnAgentAccepts() {
        Visitor v = activeVisitor();
        long ack = v.poll(-1).sequence();
        action(v, "transfer-to-button", "{}");
        assertThat(emu.session(v.id).state()).isEqualTo(SessionState.QUEUED);
        // chat activity waits for the next agent, as before the first one accepted
        assertThat(v.message("still there?").status()).isEqualTo(500);

        action(v, "accept", "{\"agentName\":\"Bob\"}");
        Reply r = v.poll(ack);
        assertThat(r.types()).containsExactly("TransferToButtonInitiated", "ChatEstablished");
        assertThat(r.message("ChatEstablished").path("name").asText()).isEqualTo("Bob");
        assertThat(v.message("hello Bob").status()).isEqualTo(200);
    }

    @Test
    void aRichMessageWithoutItemsNamesTheField() {
        Visitor v = activeVisitor();
        Reply r = client.send("POST", "/emulator/sessions/" + v.id + "/rich-message", "{\"items\":[]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("items");
        Reply queued = client.send("POST", "/emulator/sessions/" + queuedVisitor().id + "/transfer-to-button", "{}");
        assertThat(queued.status()).isEqualTo(409);
    }

    private void action(Visitor v, String action, String body) {
        Reply r = client.send("POST", "/emulator/sessions/" + v.id + "/" + action, body);
        assertThat(r.status()).as("%s: %s", action, r.body()).isEqualTo(200);
    }
}
