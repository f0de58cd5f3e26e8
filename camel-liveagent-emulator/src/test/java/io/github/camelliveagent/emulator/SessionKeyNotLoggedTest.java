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

    @Test
    void enhancedChatNeverLogsAnAccessToken() throws Exception {
        java.util.List<String> tokens = new java.util.ArrayList<>();
        String conversationId;
        try (LiveAgentEmulator emu = EmulatorTestBase.eventIndexBuilder().enhancedChat(
                io.github.camelliveagent.emulator.enhanced.EnhancedChatSettings.builder()
                        .continuationGrace(Duration.ofMinutes(1)).build()).build().start()) {
            HttpClient http = HttpClient.newHttpClient();
            String v2 = emu.baseUrl() + "/iamessage/api/v2/";
            String mint = "{\"orgId\":\"00D000000000001\",\"esDeveloperName\":\"Emulated_Custom_Client\","
                    + "\"capabilitiesVersion\":\"1\",\"platform\":\"Web\"}";
            HttpResponse<String> minted = http.send(HttpRequest.newBuilder(URI.create(v2
                    + "authorization/unauthenticated/access-token")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mint)).build(), HttpResponse.BodyHandlers.ofString());
            String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(minted.body()).path("accessToken").asText();
            tokens.add(token);
            conversationId = java.util.UUID.randomUUID().toString();
            String auth = "Bearer " + token;
            java.util.function.BiFunction<String, String, Integer> post = (path, body) -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(v2 + path)).header("Authorization", auth)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            assertThat(post.apply("conversation", "{\"conversationId\":\"" + conversationId
                    + "\",\"esDeveloperName\":\"Emulated_Custom_Client\"}")).isEqualTo(201);
            emu.awaitConversation(conversationId, Duration.ofSeconds(5)).accept("Ann");
            assertThat(post.apply("conversation/" + conversationId + "/message", "{\"message\":{\"id\":\""
                    + java.util.UUID.randomUUID() + "\",\"messageType\":\"StaticContentMessage\",\"staticContent\":"
                    + "{\"formatType\":\"Text\",\"text\":\"hi\"}},\"esDeveloperName\":\"Emulated_Custom_Client\"}"))
                    .isEqualTo(202);
            // the stream, refused (wrong org), then open until the token expires by the fault
            HttpResponse<Void> refused = http.send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/eventrouter/v1/sse"))
                    .header("Authorization", auth).header("X-Org-Id", "00D000000000001AAA").build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(refused.statusCode()).isEqualTo(400);
            HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(emu.baseUrl()
                    + "/eventrouter/v1/sse")).header("Authorization", auth).header("X-Org-Id", "00D000000000001")
                    .header("Last-Event-Id", "0").build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            emu.faults().expire();
            stream.body().readAllBytes(); // ends when the server closes the stream of the expired token
            HttpResponse<String> continued = http.send(HttpRequest.newBuilder(URI.create(v2
                    + "authorization/continuation-access-token")).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(continued.statusCode()).isEqualTo(200);
            tokens.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(continued.body()).path("accessToken").asText());
            // calls with the expired token and with a garbage one
            assertThat(post.apply("conversation/" + conversationId + "/entry", "{}")).isEqualTo(401);
            http.send(HttpRequest.newBuilder(URI.create(v2 + "conversation/list")).header("Authorization", auth + "x").build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        assertThat(capture.lines).as("the emulator logs its work").anyMatch(l -> l.contains(conversationId));
        for (String token : tokens) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertThat(capture.lines).noneMatch(l -> l.contains(token));
            assertThat(capture.lines).noneMatch(l -> l.contains(signature));
        }
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
