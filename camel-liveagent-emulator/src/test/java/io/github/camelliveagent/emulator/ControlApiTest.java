package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlApiTest extends EmulatorTestBase {

    private Reply control(String method, String path, String body) {
        return client.send(method, "/emulator" + path, body);
    }

    @Test
    void controlUrlIsBaseUrlPlusEmulator() {
        assertThat(emu.controlUrl()).isEqualTo(emu.baseUrl() + "/emulator");
    }

    @Test
    void listAndInspectSessions() {
        Visitor v = client.newVisitor();
        v.init();
        Reply list = control("GET", "/sessions", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("id")).contains(v.id);
        Reply one = control("GET", "/sessions/" + v.id, null);
        assertThat(one.json().path("state").asText()).isEqualTo("QUEUED");
        assertThat(one.json().path("visitorName").asText()).isEqualTo("Vera");
        assertThat(one.json().path("transcript").get(0).path("type").asText()).isEqualTo("ChasitorInit");
        assertThat(one.body()).doesNotContain(v.key);
        assertThat(control("GET", "/sessions/" + v.id + "/transcript", null).json()).hasSize(2);
    }

    @Test
    void playTheAgentOverHttp() {
        Visitor v = client.newVisitor();
        v.init();
        String base = "/sessions/" + v.id + "/";
        assertThat(control("POST", base + "queue-update", "{\"position\":4}").status()).isEqualTo(200);
        assertThat(control("POST", base + "accept", "{\"agentName\":\"Ann\"}").status()).isEqualTo(200);
        control("POST", base + "typing", null);
        control("POST", base + "message", "{\"text\":\"hi from http\"}");
        control("POST", base + "not-typing", null);
        control("POST", base + "transfer", "{\"agentName\":\"Bob\"}");
        control("POST", base + "custom-event", "{\"type\":\"t\",\"data\":\"d\"}");
        control("POST", base + "file-transfer", "{\"type\":\"Canceled\"}");
        control("POST", base + "disconnect", null);
        control("POST", base + "emit", "{\"type\":\"Odd\",\"message\":{\"a\":1}}");
        assertThat(control("POST", base + "end", null).status()).isEqualTo(200);
        Reply r = v.poll(-1);
        assertThat(r.types()).containsExactly("ChatRequestSuccess", "QueueUpdate", "ChatEstablished", "AgentTyping",
                "ChatMessage", "AgentNotTyping", "ChatTransferred", "CustomEvent", "FileTransfer", "AgentDisconnect", "Odd",
                "ChatEnded");
        assertThat(r.message("ChatMessage").path("text").asText()).isEqualTo("hi from http");
        assertThat(emu.session(v.id).state()).isEqualTo(SessionState.ENDED);
    }

    @Test
    void rejectOverHttp() {
        Visitor v = client.newVisitor();
        v.init();
        assertThat(control("POST", "/sessions/" + v.id + "/reject", "{\"reason\":\"Blocked\"}").status()).isEqualTo(200);
        assertThat(v.poll(-1).message("ChatRequestFail").path("reason").asText()).isEqualTo("Blocked");
    }

    @Test
    void errorsAreReportedAsStatusCodes() {
        Visitor v = client.newVisitor();
        assertThat(control("POST", "/sessions/nope/accept", "{}").status()).isEqualTo(404);
        assertThat(control("POST", "/sessions/" + v.id + "/message", "{\"text\":\"early\"}").status())
                .as("illegal in state CREATED").isEqualTo(409);
        assertThat(control("POST", "/sessions/" + v.id + "/message", "{}").status()).isEqualTo(400);
        assertThat(control("POST", "/sessions/" + v.id + "/dance", "{}").status()).isEqualTo(404);
        assertThat(control("POST", "/sessions/" + v.id + "/accept", "{not json").status()).isEqualTo(400);
        assertThat(control("GET", "/nothing-here", null).status()).isEqualTo(404);
    }

    @Test
    void availabilityOverHttp() {
        assertThat(control("POST", "/availability", "{\"id\":\"573X\",\"available\":false}").status()).isEqualTo(200);
        Reply r = client.get("/chat/rest/Visitor/Availability?Availability.ids=573X", RestClient.VERSION, "42");
        assertThat(r.message("Availability").path("results").get(0).has("isAvailable")).isFalse();
        emu.resetAvailability();
    }

    @Test
    void faultsOverHttp() {
        Visitor v = client.newVisitor();
        v.init();
        EmulatedSession s = emu.session(v.id);
        String f = "/sessions/" + v.id + "/faults/";
        assertThat(control("POST", f + "fail-next", "{\"status\":502}").status()).isEqualTo(200);
        assertThat(v.poll(-1).status()).isEqualTo(502);
        control("POST", f + "fail-next-post", "{\"status\":500}");
        assertThat(v.post("ChasitorTyping", "{}").status()).isEqualTo(500);
        control("POST", f + "latency", "{\"millis\":1}");
        control("POST", f + "duplicate-next-event", null);
        control("POST", f + "drop-next-poll", null);
        control("POST", f + "clear", null);
        control("POST", f + "switch-server", "{\"newUrl\":\"https://x/chat\"}");
        assertThat(v.poll(-1).types()).containsExactly("ChatRequestSuccess", "SwitchServer");
        control("POST", f + "handover", null);
        assertThat(s.state()).isEqualTo(SessionState.HANDOVER);
        control("POST", f + "expire", null);
        assertThat(s.state()).isEqualTo(SessionState.GONE);
        assertThat(control("POST", f + "unknown", null).status()).isEqualTo(404);

        assertThat(control("POST", "/faults/fail-next", "{\"status\":418}").status()).isEqualTo(200);
        assertThat(client.get("/chat/rest/Visitor/VisitorId", RestClient.VERSION, "42").status()).isEqualTo(418);
        control("POST", "/faults/clear", null);
    }

    @Test
    void onlyLoopbackClientsAreServed() {
        assertThat(io.github.camelliveagent.emulator.http.LoopbackOnly.isLoopback("127.0.0.1")).isTrue();
        assertThat(io.github.camelliveagent.emulator.http.LoopbackOnly.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(io.github.camelliveagent.emulator.http.LoopbackOnly.isLoopback("192.168.1.20")).isFalse();
        assertThat(io.github.camelliveagent.emulator.http.LoopbackOnly.isLoopback(null)).isFalse();
    }
}
