package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import io.github.camelliveagent.emulator.support.Visitor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The session key is a credential (spec §1.3): a whole chat life must not put it into any log line. */
class SessionKeyNotLoggedTest {

    private static final class Capture extends AbstractAppender {
        final List<String> lines = new CopyOnWriteArrayList<>();

        Capture() {
            super("capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder b = new StringBuilder(event.getLoggerName()).append(' ')
                    .append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                StringWriter w = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(w));
                b.append(' ').append(w);
            }
            lines.add(b.toString());
        }
    }

    private final Capture capture = new Capture();

    @BeforeEach
    void attach() {
        capture.start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        root.addAppender(capture, org.apache.logging.log4j.Level.ALL, null);
        // every logger, including the emulator's DEBUG one, must feed the capture
        config.getLoggers().values().forEach(l -> l.addAppender(capture, org.apache.logging.log4j.Level.ALL, null));
        ctx.updateLoggers();
    }

    @AfterEach
    void detach() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getLoggers().values().forEach(l -> l.removeAppender("capture"));
        ctx.getConfiguration().getRootLogger().removeAppender("capture");
        ctx.updateLoggers();
        capture.stop();
    }

    @Test
    void fullLifecycleNeverLogsTheSessionKey() {
        String key;
        String id;
        try (LiveAgentEmulator emu = EmulatorTestBase.eventIndexBuilder().holdTime(Duration.ofMillis(300)).build().start()) {
            RestClient client = new RestClient(emu.baseUrl());
            Visitor v = client.newVisitor();
            key = v.key;
            id = v.id;
            EmulatedSession s = emu.session(v.id);
            v.init();
            s.accept("Ann");
            long ack = v.poll(-1).sequence();
            v.message("hello");
            // a file upload carries the key's first part as chatKey in its query: accepted once, then refused
            s.fileTransfer("Requested");
            String token = v.poll(ack).message("FileTransfer").path("fileToken").asText();
            ack = ack + 1;
            assertThat(upload(emu.baseUrl(), key.substring(0, key.indexOf('!')), token)).isEqualTo(200);
            assertThat(upload(emu.baseUrl(), key.substring(0, key.indexOf('!')), token)).isEqualTo(409);
            v.postWithSequence("ChatMessage", 9, "{\"text\":\"out of sync\"}");
            s.agentMessage("hi");
            ack = v.poll(ack).sequence();
            s.faults().handover();
            v.poll(ack);
            Reply reconnect = v.reconnect("null");
            v.affinity = reconnect.message("ReconnectSession").path("affinityToken").asText();
            v.resetSequence();
            ack = v.poll(-1).sequence();
            v.postWithoutSequence("ChasitorResyncState", "{\"organizationId\":\"00D\"}");
            client.get("/chat/rest/System/Messages", RestClient.VERSION, "42", RestClient.AFFINITY, "bad", RestClient.KEY, key);
            assertThat(v.delete().status()).isEqualTo(200);
            v.poll(ack);
            v.poll(ack + 1);
            // a second session deleted with the key unencoded in the path, and a request for an unknown key
            Visitor w = client.newVisitor();
            client.send("DELETE", "/chat/rest/System/SessionId/" + w.key.replace("+", "%2B"), null, RestClient.VERSION, "42",
                    RestClient.AFFINITY, w.affinity);
            client.send("DELETE", "/chat/rest/System/SessionId/" + key + "x", null, RestClient.VERSION, "42",
                    RestClient.AFFINITY, "null");
        }
        assertThat(capture.lines).as("the emulator logs its work").anyMatch(l -> l.contains(id));
        String secretPart = key.substring(key.lastIndexOf('!') + 1);
        String chatKey = key.substring(0, key.indexOf('!'));
        assertThat(capture.lines).noneMatch(l -> l.contains(key));
        assertThat(capture.lines).noneMatch(l -> l.contains(secretPart));
        // real keys are <session id>!<epoch ms>!<random>: the upload's chatKey is the session id, public and logged
        // on purpose; the secret is the rest of the key
        assertThat(chatKey).as("the upload's chatKey").isEqualTo(id);
    }

    /** A multipart upload of a small file to the emulator's upload servlet; returns the status. */
    private static int upload(String baseUrl, String chatKey, String token) {
        String boundary = "----secrecy-test";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n";
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/content/fileUpload?orgId=00D000000000001&chatKey="
                        + URLEncoder.encode(chatKey, StandardCharsets.UTF_8) + "&fileToken=" + token + "&encoding=UTF-8"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError("upload failed", e);
        }
    }
}
