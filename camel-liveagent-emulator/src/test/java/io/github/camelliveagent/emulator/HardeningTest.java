package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone emulator as a desk tool: careless and hostile requests get clear 4xx answers or are bounded. */
class HardeningTest extends EmulatorTestBase {

    @Override
    protected LiveAgentEmulator.Builder emulatorConfig() {
        return eventIndexBuilder().holdTime(Duration.ofMillis(500))
                .requestTimeout(Duration.ofMillis(700)).keepAliveTimeout(Duration.ofMillis(1500));
    }

    @AfterEach
    void clear() {
        emu.faults().clear();
    }

    /** Sends raw bytes and returns everything the server sends until it closes (or 5 s pass). */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", emu.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readUntilClosed(socket.getInputStream());
        }
    }

    private static String readUntilClosed(InputStream in) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) != -1; ) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            got.write("<still open after 5 s>".getBytes(StandardCharsets.ISO_8859_1));
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    private String controlPost(String path, String host, String origin) throws Exception {
        String body = "{\"id\":\"573X\",\"available\":false}";
        return raw("POST /emulator" + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
    }

    @Test
    void controlRequestsFromAForeignOriginOrHostAreRefused() throws Exception {
        int port = emu.port();
        String crossSite = controlPost("/availability", "127.0.0.1:" + port, "https://evil.example");
        assertThat(crossSite).startsWith("HTTP/1.1 403").contains("Origin");
        String rebound = controlPost("/availability", "evil.example:" + port, null);
        assertThat(rebound).startsWith("HTTP/1.1 403").contains("Host");
        String otherPort = controlPost("/availability", "127.0.0.1:" + port, "http://127.0.0.1:1");
        assertThat(otherPort).startsWith("HTTP/1.1 403");
        assertThat(controlPost("/availability", "127.0.0.1:" + port, "null")).startsWith("HTTP/1.1 403");
        assertThat(raw("GET /emulator/console HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"))
                .as("the console page too").startsWith("HTTP/1.1 403");
        assertThat(emu.sessions()).isNotNull();
        // the emulator's own origin, under any loopback name, and no Origin at all (curl, tests) are fine
        assertThat(controlPost("/availability", "127.0.0.1:" + port, "http://127.0.0.1:" + port)).startsWith("HTTP/1.1 200");
        assertThat(controlPost("/availability", "localhost:" + port, "http://localhost:" + port)).startsWith("HTTP/1.1 200");
        assertThat(controlPost("/availability", "[::1]:" + port, null)).startsWith("HTTP/1.1 200");
        assertThat(controlPost("/availability", "127.0.0.1:" + port, null)).startsWith("HTTP/1.1 200");
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        Visitor v = activeVisitor();
        String declared = raw("POST /chat/rest/Chasitor/ChatMessage HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-LIVEAGENT-API-VERSION: 42\r\nX-LIVEAGENT-AFFINITY: " + v.affinity + "\r\nX-LIVEAGENT-SESSION-KEY: " + v.key
                + "\r\nContent-Length: 104857600\r\n\r\n{\"text\":\"");
        assertThat(declared).startsWith("HTTP/1.1 413").contains("1048576");
        // chunked, no length: counted as it arrives
        try (Socket socket = new Socket("127.0.0.1", emu.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /emulator/faults/clear HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            String answer = null;
            try {
                for (int i = 0; i < 40; i++) { // 2.5 MB
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (java.io.IOException closedWhileSending) {
                // the server answered and closed before we were done: what it said is still readable
            }
            answer = readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
        }
        assertThat(v.message("still fine").status()).isEqualTo(200);
    }

    @Test
    void connectionsThatSendNothingOrSitIdleAreClosed() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket("127.0.0.1", emu.port());
                s.setSoTimeout(5000);
                idle.add(s);
            }
            long t0 = System.nanoTime();
            int closed = 0;
            for (Socket s : idle) {
                if (s.getInputStream().read() == -1) {
                    closed++;
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("IDLE-SOCKETS: " + closed + " of " + idle.size() + " closed by the server within " + ms + " ms");
            assertThat(closed).isEqualTo(50);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        // headers that never finish, and a body that never finishes (408)
        assertThat(raw("GET /chat/rest/System/SessionId HTTP/1.1\r\nHost: 127.0.0.1\r\nX-LIVE")).isEmpty();
        assertThat(raw("POST /emulator/faults/clear HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n{")).startsWith("HTTP/1.1 408");
        // a kept-alive connection between requests is closed after the keep-alive timeout, not before
        try (Socket socket = new Socket("127.0.0.1", emu.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /chat/rest/Visitor/VisitorId HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-LIVEAGENT-API-VERSION: 42\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            String all = readUntilClosed(socket.getInputStream());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(all).startsWith("HTTP/1.1 200").doesNotContain("<still open");
            assertThat(ms).isBetween(1000L, 4500L);
        }
        // a held poll outlives the request timeout: its request was complete
        Visitor v = queuedVisitor();
        v.poll(-1);
        long t0 = System.nanoTime();
        assertThat(v.poll(0).status()).isEqualTo(204);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(400L);
        emu.close();
        emu = emulatorConfig().holdTime(Duration.ofSeconds(2)).build().start();
        client = new RestClient(emu.baseUrl());
        Visitor w = queuedVisitor();
        w.poll(-1);
        assertThat(w.poll(0).status()).as("held 2 s > request timeout 0.7 s").isEqualTo(204);
    }

    @Test
    void aSequenceOfLongMinValueIsAnswered400() {
        Visitor v = activeVisitor();
        for (String bad : new String[]{"-9223372036854775808", "-1", "9223372036854775808", "1.5", "one"}) {
            Reply r = client.send("POST", "/chat/rest/Chasitor/ChatMessage", "{\"text\":\"x\"}", RestClient.VERSION, "42",
                    RestClient.AFFINITY, v.affinity, RestClient.KEY, v.key, RestClient.SEQUENCE, bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.body()).contains("X-LIVEAGENT-SEQUENCE");
        }
        Reply multi = client.send("POST", "/chat/rest/System/MultiNoun",
                "{\"nouns\":[{\"prefix\":\"Chasitor\",\"noun\":\"ChatMessage\",\"object\":{\"text\":\"x\"}}]}",
                RestClient.VERSION, "42", RestClient.AFFINITY, v.affinity, RestClient.KEY, v.key,
                RestClient.SEQUENCE, "-9223372036854775808");
        assertThat(multi.status()).isEqualTo(400);
        assertThat(emu.session(v.id).transcript().visitorMessages()).isEmpty();
    }

    @Test
    void aMalformedPercentEncodedKeyIs400WithoutAStackTrace() throws Exception {
        Visitor v = activeVisitor();
        // raw: the JDK's URI refuses to send such a path at all
        String r = raw("DELETE /chat/rest/System/SessionId/%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-LIVEAGENT-API-VERSION: 42\r\n"
                + "X-LIVEAGENT-AFFINITY: " + v.affinity + "\r\nX-LIVEAGENT-SESSION-KEY: " + v.key + "\r\nConnection: close\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 400").contains("percent-encoding");
        assertThat(emu.session(v.id).state().name()).isEqualTo("ACTIVE");
    }

    @Test
    void anAbsurdLatencyIs400AndRepliesKeepFlowing() {
        Visitor v = activeVisitor();
        Reply r = client.send("POST", "/emulator/faults/latency", "{\"millis\":9223372036854775807}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("latency").contains("600000");
        assertThat(client.send("POST", "/emulator/sessions/" + v.id + "/faults/latency", "{\"millis\":\"soon\"}").status())
                .isEqualTo(400);
        assertThat(client.send("POST", "/emulator/faults/latency", "{\"millis\":-5}").status()).isEqualTo(400);
        assertThat(v.poll(-1).status()).isEqualTo(200);
    }

    @Test
    void anAckOfLongMaxValueIsHeldAndAnswered204() {
        Visitor v = activeVisitor();
        Reply r = v.poll(Long.MAX_VALUE);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void controlActionsWithoutTheirFieldAre400() {
        Visitor v = queuedVisitor();
        String base = "/emulator/sessions/" + v.id + "/";
        for (String action : new String[]{"accept", "reject", "file-transfer", "message", "transfer", "queue-update"}) {
            Reply r = client.send("POST", base + action, "{}");
            assertThat(r.status()).as(action).isEqualTo(400);
            assertThat(r.body()).as(action).contains("Missing required field");
        }
        assertThat(client.send("POST", base + "accept", "[]").status()).isEqualTo(400);
        assertThat(emu.session(v.id).state().name()).isEqualTo("QUEUED");
    }
}
