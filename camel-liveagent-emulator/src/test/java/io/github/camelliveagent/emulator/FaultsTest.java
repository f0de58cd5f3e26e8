package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.github.camelliveagent.emulator.support.RestClient.VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest extends EmulatorTestBase {

    @AfterEach
    void clear() {
        emu.faults().clear();
    }

    @Test
    void failNextAnswersTheNextCallOfTheSessionOnce() {
        Visitor v = activeVisitor();
        emu.session(v.id).faults().failNext(500);
        assertThat(v.poll(-1).status()).isEqualTo(500);
        assertThat(v.poll(-1).status()).isEqualTo(200);
    }

    @Test
    void globalFailNextHitsAnyCallIncludingSessionId() {
        emu.faults().failNext(503);
        Reply r = client.get("/chat/rest/System/SessionId", VERSION, "42", RestClient.AFFINITY, "null");
        assertThat(r.status()).isEqualTo(503);
        assertThat(client.newVisitor().id).isNotEmpty();
    }

    @Test
    void failNextPostLeavesGetsAloneAndDoesNotConsumeTheSequence() {
        Visitor v = activeVisitor();
        emu.session(v.id).faults().failNextPost(409);
        assertThat(v.poll(-1).status()).isEqualTo(200);
        Reply conflict = v.message("first try");
        assertThat(conflict.status()).isEqualTo(409);
        // worded as the server's sequence check: what the client sent, and the last number accepted (ChasitorInit)
        assertThat(conflict.body()).isEqualTo("Out of sync Ack. Expected 2. Actual 1");
        assertThat(v.message("second try").status()).isEqualTo(200);
        assertThat(emu.session(v.id).transcript().visitorMessages()).containsExactly("second try");
        assertThat(v.sequence()).isEqualTo(2);
    }

    @Test
    void switchServerMakesAvailabilityAnswerSwitchServerUntilCleared() {
        emu.faults().switchServer("https://other.example/chat");
        Reply r = client.get("/chat/rest/Visitor/Availability?Availability.ids=573A", VERSION, "42");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.types()).containsExactly("SwitchServer");
        assertThat(r.message("SwitchServer").path("newUrl").asText()).isEqualTo("https://other.example/chat");
        emu.faults().clear();
        assertThat(client.get("/chat/rest/Visitor/Availability?Availability.ids=573A", VERSION, "42").types())
                .containsExactly("Availability");
    }

    @Test
    void sessionSwitchServerPutsASwitchServerEventIntoTheStream() {
        Visitor v = activeVisitor();
        emu.session(v.id).faults().switchServer("https://other.example/chat");
        Reply r = v.poll(-1);
        assertThat(r.types()).endsWith("SwitchServer");
        assertThat(r.message("SwitchServer").path("newUrl").asText()).isEqualTo("https://other.example/chat");
    }

    @Test
    void latencyDelaysEveryResponse() {
        Visitor v = activeVisitor();
        emu.session(v.id).faults().latency(Duration.ofMillis(600));
        emu.faults().latency(Duration.ofMillis(400));
        long t0 = System.nanoTime();
        assertThat(v.poll(-1).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("global and session latency add up")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        emu.faults().clear();
        emu.session(v.id).faults().clear();
        t0 = System.nanoTime();
        v.poll(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1000));
    }

    @Test
    void dropNextPollClosesTheConnectionWithoutAnswer() throws Exception {
        Visitor v = activeVisitor();
        EmulatedSession s = emu.session(v.id);
        s.faults().dropNextPoll();
        // a raw socket: the JDK client would silently retry a GET whose connection closed before any response
        assertThat(rawGetResponseBytes("/chat/rest/System/Messages?ack=-1", "X-LIVEAGENT-API-VERSION: 42",
                "X-LIVEAGENT-AFFINITY: " + v.affinity, "X-LIVEAGENT-SESSION-KEY: " + v.key)).isEmpty();
        assertThat(s.pollCount()).isEqualTo(1);
        assertThat(s.pollInFlight()).isFalse();
        assertThat(v.poll(-1).types()).containsExactly("ChatRequestSuccess", "ChatEstablished");
    }

    private byte[] rawGetResponseBytes(String path, String... headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", emu.port())) {
            socket.setSoTimeout(5000);
            StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return socket.getInputStream().readAllBytes(); // returns at EOF; times out if the server answered and kept alive
        }
    }

    @Test
    void duplicateNextEventDeliversTheSamePayloadTwice() {
        Visitor v = activeVisitor();
        EmulatedSession s = emu.session(v.id);
        long ack = v.poll(-1).sequence();
        s.faults().duplicateNextEvent();
        s.agentMessage("only once, really");
        Reply first = v.poll(ack);
        Reply again = v.poll(first.sequence());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.sequence()).isEqualTo(first.sequence());
        assertThat(v.poll(first.sequence()).status()).as("then normal again").isEqualTo(204);
        assertThat(s.transcript().agentMessages()).containsExactly("only once, really");
    }

    @Test
    void expireEndsTheSessionNow() {
        Visitor v = activeVisitor();
        EmulatedSession s = emu.session(v.id);
        s.faults().expire();
        assertThat(s.state()).isEqualTo(SessionState.GONE);
        assertThat(v.poll(-1).status()).isEqualTo(403);
        assertThat(v.message("x").status()).isEqualTo(403);
    }

    @Test
    void globalExpireEndsEverySession() {
        Visitor a = activeVisitor();
        Visitor b = activeVisitor();
        emu.faults().expire();
        assertThat(a.poll(-1).status()).isEqualTo(403);
        assertThat(b.poll(-1).status()).isEqualTo(403);
    }

    @Test
    void clearRemovesPendingOneShotFaults() {
        Visitor v = activeVisitor();
        EmulatedSession s = emu.session(v.id);
        s.faults().failNext(500);
        s.faults().failNextPost(500);
        s.faults().dropNextPoll();
        s.faults().clear();
        assertThat(v.poll(-1).status()).isEqualTo(200);
        assertThat(v.message("fine").status()).isEqualTo(200);
    }

    @Test
    void invalidFaultArgumentsAreRefused() {
        assertThatThrownBy(() -> emu.faults().failNext(42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.faults().latency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
