package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules where the emulator follows the real server more closely than a lenient test double would. */
class FidelityTest extends EmulatorTestBase {

    @AfterEach
    void clear() {
        emu.faults().clear();
    }

    @Test
    void anInjectedOutOfSyncNamesTheServersCountAndMovesIt() {
        Visitor v = activeVisitor();                    // ChasitorInit was 1
        EmulatedSession s = emu.session(v.id);
        Reply set = client.send("POST", "/emulator/sessions/" + v.id + "/faults/fail-next-post", "{\"status\":409,\"actual\":5}");
        assertThat(set.status()).isEqualTo(200);
        Reply conflict = v.postWithSequence("ChatMessage", 2, "{\"text\":\"refused\"}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body()).isEqualTo("Out of sync Ack. Expected 2. Actual 5");
        // the old number is now behind the server's count: a duplicate, dropped with 200
        assertThat(v.postWithSequence("ChatMessage", 2, "{\"text\":\"re-sent with the old number\"}").status()).isEqualTo(200);
        assertThat(s.transcript().visitorMessages()).isEmpty();
        // Actual+1, as IBM's client recovers, is processed
        assertThat(v.postWithSequence("ChatMessage", 6, "{\"text\":\"recovered\"}").status()).isEqualTo(200);
        assertThat(s.transcript().visitorMessages()).containsExactly("recovered");
    }

    @Test
    void anOutOfSyncAheadOfTheClientMakesTheOldNumberAGap() {
        Visitor v = activeVisitor();
        emu.session(v.id).faults().failNextPostOutOfSync(0);
        assertThat(v.postWithSequence("ChatMessage", 2, "{\"text\":\"a\"}").body()).isEqualTo("Out of sync Ack. Expected 2. Actual 0");
        Reply gap = v.postWithSequence("ChatMessage", 2, "{\"text\":\"a\"}");
        assertThat(gap.status()).isEqualTo(409);
        assertThat(gap.body()).isEqualTo("Out of sync Ack. Expected 2. Actual 0");
        assertThat(v.postWithSequence("ChatMessage", 1, "{\"text\":\"a\"}").status()).isEqualTo(200);
        assertThat(emu.session(v.id).transcript().visitorMessages()).containsExactly("a");
    }

    @Test
    void aGlobalOutOfSyncHitsTheSessionOfTheNextNumberedPost() {
        Visitor v = activeVisitor();
        emu.faults().failNextPostOutOfSync(7);
        assertThat(v.postWithoutSequence("ChatMessage", "{\"text\":\"unnumbered\"}").status())
                .as("a POST without a number is no sequence check").isEqualTo(200);
        assertThat(v.postWithSequence("ChatMessage", 2, "{\"text\":\"x\"}").body()).isEqualTo("Out of sync Ack. Expected 2. Actual 7");
        assertThat(emu.session(v.id).transcript().visitorMessages()).containsExactly("unnumbered");
    }

    @Test
    void outOfSyncFaultArgumentsAreChecked() {
        Visitor v = activeVisitor();
        String path = "/emulator/sessions/" + v.id + "/faults/fail-next-post";
        Reply notWith500 = client.send("POST", path, "{\"status\":500,\"actual\":5}");
        assertThat(notWith500.status()).isEqualTo(400);
        assertThat(notWith500.body()).contains("actual");
        assertThat(client.send("POST", path, "{\"status\":409,\"actual\":\"five\"}").status()).isEqualTo(400);
        assertThat(client.send("POST", path, "{\"status\":409,\"actual\":-1}").status()).isEqualTo(400);
        assertThatThrownBy(() -> emu.faults().failNextPostOutOfSync(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(v.message("not failed").status()).isEqualTo(200);
    }

    @Test
    void aNonNumericAckIs400NamingTheParameter() {
        Visitor v = activeVisitor();
        Reply r = client.get("/chat/rest/System/Messages?ack=undefined", RestClient.VERSION, "42",
                RestClient.AFFINITY, v.affinity, RestClient.KEY, v.key);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("ack").contains("undefined");
        assertThat(v.poll(-1).types()).as("the chat goes on").containsExactly("ChatRequestSuccess", "ChatEstablished");
    }

    @Test
    void theSessionKeyHasTheShapeOfRealKeys() {
        Visitor v = client.newVisitor();
        System.out.println("KEY-SHAPE: " + v.key.replaceAll("![^!]*$", "!<random>"));
        assertThat(v.key).startsWith(v.id + "!");
        String[] parts = v.key.split("!");
        assertThat(parts).hasSize(3);
        assertThat(Long.parseLong(parts[1])).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
        assertThat(parts[2]).matches("[A-Za-z0-9+/=]{16,}");
    }
}
