package io.github.camelliveagent.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelliveagent.emulator.session.UploadedFile;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.Visitor;
import io.github.camelliveagent.emulator.transcript.TranscriptEntry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent-requested file upload of liveagent-api.md §2.2, over real HTTP: request, upload, Success; refusals. */
class FileUploadTest extends EmulatorTestBase {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, (byte) 0xff};
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theFileOfTheAgentsRequestIsRecordedAndFollowedBySuccess() throws Exception {
        Visitor v = activeVisitor();
        long ack = v.poll(-1).sequence();
        assertThat(client.send("POST", "/emulator/sessions/" + v.id + "/file-transfer", "{\"type\":\"Requested\"}").status())
                .isEqualTo(200);
        Reply requested = v.poll(ack);
        JsonNode request = requested.message("FileTransfer");
        assertThat(request.path("type").asText()).isEqualTo("Requested");
        assertThat(request.path("uploadServletUrl").asText()).isEqualTo(emu.baseUrl() + "/content/fileUpload");

        int status = upload(request.path("uploadServletUrl").asText(), chatKeyOf(v), request.path("fileToken").asText(),
                "screenshot.png", "image/png", PNG);
        assertThat(status).isEqualTo(200);

        Reply after = v.poll(requested.sequence());
        assertThat(after.types()).containsExactly("FileTransfer");
        assertThat(after.message("FileTransfer").path("type").asText()).isEqualTo("Success");
        UploadedFile stored = emu.session(v.id).uploadedFiles().get(0);
        assertThat(stored.fileName()).isEqualTo("screenshot.png");
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(stored.content()).isEqualTo(PNG);
        TranscriptEntry entry = emu.session(v.id).transcript().visitorPosts().stream()
                .filter(e -> e.type().equals("FileUpload")).findFirst().orElseThrow();
        assertThat(entry.body()).contains("\"fileName\":\"screenshot.png\"").contains("\"size\":" + PNG.length);
    }

    @Test
    void theSessionIdIsAcceptedAsChatKeyToo() throws Exception {
        Visitor v = activeVisitor();
        emu.session(v.id).fileTransfer("Requested");
        JsonNode request = v.poll(-1).message("FileTransfer");
        assertThat(upload(request.path("uploadServletUrl").asText(), v.id, request.path("fileToken").asText(),
                "a.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8))).isEqualTo(200);
        assertThat(emu.session(v.id).uploadedFiles()).hasSize(1);
    }

    @Test
    void aWrongTokenOrChatKeyIsRefusedAndNothingIsRecorded() throws Exception {
        Visitor v = activeVisitor();
        emu.session(v.id).fileTransfer("Requested");
        JsonNode request = v.poll(-1).message("FileTransfer");
        String url = request.path("uploadServletUrl").asText();
        assertThat(upload(url, chatKeyOf(v), "not-the-token", "a.txt", "text/plain", PNG)).isEqualTo(403);
        assertThat(upload(url, "no-such-chat", request.path("fileToken").asText(), "a.txt", "text/plain", PNG)).isEqualTo(403);
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(url + "?orgId=00D000000000001&chatKey="
                        + enc(chatKeyOf(v)) + "&encoding=UTF-8")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(400);
        assertThat(noToken.body()).contains("fileToken");
        assertThat(emu.session(v.id).uploadedFiles()).isEmpty();
        assertThat(emu.session(v.id).transcript().visitorPosts()).noneMatch(e -> e.type().equals("FileUpload"));
    }

    @Test
    void aCancelledRequestIsRefusedAndSoIsASecondUploadForOneRequest() throws Exception {
        Visitor v = activeVisitor();
        emu.session(v.id).fileTransfer("Requested");
        JsonNode first = v.poll(-1).message("FileTransfer");
        assertThat(client.send("POST", "/emulator/sessions/" + v.id + "/file-transfer", "{\"type\":\"Canceled\"}").status())
                .isEqualTo(200);
        assertThat(upload(first.path("uploadServletUrl").asText(), chatKeyOf(v), first.path("fileToken").asText(),
                "a.txt", "text/plain", PNG)).isEqualTo(409);

        emu.session(v.id).fileTransfer("Requested");
        Reply again = v.poll(-1);
        JsonNode second = again.json().path("messages").get(again.json().path("messages").size() - 1).path("message");
        assertThat(second.path("fileToken").asText()).isNotEqualTo(first.path("fileToken").asText());
        String token = second.path("fileToken").asText();
        assertThat(upload(second.path("uploadServletUrl").asText(), chatKeyOf(v), token, "a.txt", "text/plain", PNG))
                .isEqualTo(200);
        assertThat(upload(second.path("uploadServletUrl").asText(), chatKeyOf(v), token, "b.txt", "text/plain", PNG))
                .isEqualTo(409);
        assertThat(emu.session(v.id).uploadedFiles()).extracting(UploadedFile::fileName).containsExactly("a.txt");
    }

    /** The session key's part before its first '!'. */
    private static String chatKeyOf(Visitor v) {
        return v.key.substring(0, v.key.indexOf('!'));
    }

    private int upload(String url, String chatKey, String token, String name, String type, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "----emulator-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create(url + "?orgId=00D000000000001&chatKey=" + enc(chatKey) + "&fileToken=" + enc(token)
                + "&encoding=UTF-8");
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
