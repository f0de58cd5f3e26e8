package io.github.camelliveagent.emulator.enhanced;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.session.UploadedFile;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** miaw-api.md §4 and §9.10–12, 17, 21: messages, typing, receipts and files from the end user. */
class SendingTest extends EnhancedChatTestBase {

    @Test
    void malformedMessagesAreRefusedNamingTheField() {
        EnhancedClient c = client();
        String id = created(c);
        String base = EnhancedClient.V2 + "conversation/" + id + "/message";

        Reply noText = c.post(base, "{\"message\":{\"id\":\"" + EnhancedClient.uuid() + "\",\"messageType\":"
                + "\"StaticContentMessage\",\"staticContent\":{\"formatType\":\"Text\",\"text\":\"\"}},\"esDeveloperName\":"
                + "\"Emulated_Custom_Client\"}");
        Reply badType = c.post(base, "{\"message\":{\"id\":\"" + EnhancedClient.uuid() + "\",\"messageType\":\"Text\"},"
                + "\"esDeveloperName\":\"Emulated_Custom_Client\"}");
        Reply badId = c.message(id, "NOT-A-UUID", "hi", false);
        Reply tooLong = c.message(id, "x".repeat(4001));
        Reply topLevelType = c.post(base, "{\"messageType\":\"StaticContentMessage\",\"esDeveloperName\":"
                + "\"Emulated_Custom_Client\"}"); // the v1 shape

        assertThat(noText.json().path("message").asText()).contains("text");
        assertThat(badType.json().path("message").asText()).contains("messageType");
        assertThat(badId.json().path("message").asText()).contains("message.id").contains("lowercase");
        assertThat(tooLong.json().path("message").asText()).contains("4000");
        assertThat(topLevelType.json().path("message").asText()).contains("messageType");
        assertThat(new int[] {noText.status(), badType.status(), badId.status(), tooLong.status(), topLevelType.status()})
                .containsOnly(400);
        assertThat(emu.conversation(id).transcript().visitorMessages()).isEmpty();
    }

    @Test
    void aRetriedMessageIdIsAcknowledgedAgainButShownOnce() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            String messageId = EnhancedClient.uuid();

            Reply first = c.message(id, messageId, "once", false);
            Reply retry = c.message(id, messageId, "once", false);
            emu.conversation(id).agentMessage("marker");
            s.await(f -> f.role().equals("Agent") && f.event().equals("CONVERSATION_MESSAGE"));

            assertThat(first.status()).isEqualTo(202);
            assertThat(retry.status()).isEqualTo(202);
            assertThat(s.events()).filteredOn(f -> f.event().equals("CONVERSATION_MESSAGE") && f.role().equals("EndUser"))
                    .hasSize(1);
            assertThat(emu.conversation(id).transcript().visitorMessages()).containsExactly("once");
        }
    }

    @Test
    void choicesResponseReachesTheAgentAsTheChosenTitle() {
        EnhancedClient c = client();
        String id = created(c);

        Reply r = c.post(EnhancedClient.V2 + "conversation/" + id + "/message", "{\"message\":{\"id\":\""
                + EnhancedClient.uuid() + "\",\"messageType\":\"ChoicesResponseMessage\",\"inReplyToMessageId\":\""
                + EnhancedClient.uuid() + "\",\"choicesResponse\":{\"formatType\":\"Selections\",\"selectedOptions\":"
                + "[{\"optionIdentifier\":\"opt-1\",\"optionTitle\":{\"itemType\":\"TitleItem\",\"title\":\"Yes\"}}]}},"
                + "\"esDeveloperName\":\"Emulated_Custom_Client\"}");

        assertThat(r.status()).isEqualTo(202);
        assertThat(emu.conversation(id).transcript().visitorMessages()).containsExactly("Yes");
    }

    @Test
    void typingReachesTheAgentOnlyAndIsNotEchoed() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            Reply started = c.typing(id, true);

            assertThat(started.status()).isEqualTo(202);
            assertThat(emu.conversation(id).visitorTyping()).isTrue();
            assertThat(c.typing(id, false).status()).isEqualTo(202);
            assertThat(emu.conversation(id).visitorTyping()).isFalse();
            emu.conversation(id).agentMessage("marker");
            s.await(f -> f.event().equals("CONVERSATION_MESSAGE"));
            assertThat(s.events()).noneMatch(f -> f.event().contains("TYPING"));
            assertThat(c.post(EnhancedClient.V2 + "conversation/" + id + "/entry",
                    "{\"entryType\":\"Typing\",\"id\":\"" + EnhancedClient.uuid() + "\"}").status()).isEqualTo(400);
        }
    }

    @Test
    void receiptsAreStoredAndMustNameAnEntryOfTheConversation() {
        EnhancedClient c = client();
        String id = created(c);
        emu.awaitConversation(id, Duration.ofSeconds(5)).accept("Ann");
        emu.conversation(id).agentMessage("read me");
        String entryId = c.entries(id, "entryTypeFilter=Message").json().path("conversationEntries").path(0)
                .path("identifier").asText();

        Reply delivered = c.acknowledge(id, "Delivery", entryId);
        Reply read = c.acknowledge(id, "Read", entryId);
        Reply unknown = c.acknowledge(id, "Read", id); // the conversation id as the entry id (pitfall 17)
        Reply invented = c.post(EnhancedClient.V2 + "conversation/" + id + "/acknowledge-entries",
                "{\"acknowledgments\":[{\"messageId\":\"" + entryId + "\",\"acknowledgmentType\":\"Delivered\"}]}");

        assertThat(delivered.status()).isEqualTo(202);
        assertThat(read.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(invented.status()).isEqualTo(400);
        assertThat(invented.json().path("message").asText()).contains("acknowledgments");
        assertThat(emu.conversation(id).acknowledgements()).containsExactly(
                new EnhancedConversation.Acknowledgement("Delivery", entryId), new EnhancedConversation.Acknowledgement("Read", entryId));
    }

    @Test
    void fileIsAcceptedEchoedAsAttachmentsAndKept() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
            Reply r = upload(c, id, EnhancedClient.uuid(), "shot.png", "image/png", png, true);

            assertThat(r.status()).as(r.body()).isEqualTo(202);
            SseFrame echo = s.await(f -> f.event().equals("CONVERSATION_MESSAGE") && f.role().equals("EndUser"));
            var content = echo.payload().path("abstractMessage").path("staticContent");
            assertThat(content.path("formatType").asText()).isEqualTo("Attachments");
            assertThat(content.path("attachments").path(0).path("name").asText()).isEqualTo("shot.png");
            assertThat(content.path("attachments").path(0).path("mimeType").asText()).isEqualTo("image/png");
            UploadedFile kept = emu.conversation(id).uploadedFiles().get(0);
            assertThat(kept.content()).isEqualTo(png);
        }
    }

    @Test
    void fileOverFiveMegabytesIs413AndAnUnlistedTypeIs415() {
        EnhancedClient c = client();
        String id = created(c);
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        Arrays.fill(big, (byte) 'a');

        Reply tooBig = upload(c, id, EnhancedClient.uuid(), "big.txt", "text/plain", big, false);
        Reply exe = upload(c, id, EnhancedClient.uuid(), "x.exe", "application/x-msdownload", new byte[] {1}, false);
        Reply exactly = upload(c, id, EnhancedClient.uuid(), "max.txt", "text/plain", Arrays.copyOf(big, 5 * 1024 * 1024), false);

        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(exe.status()).isEqualTo(415);
        assertThat(exactly.status()).isEqualTo(202);
        assertThat(emu.conversation(id).uploadedFiles()).hasSize(1);
    }

    @Test
    void filesAreRefusedWhenTheDeploymentDisallowsThem() {
        try (LiveAgentEmulator none = EmulatorTestBase.eventIndexBuilder().enhancedChat(EnhancedChatSettings.builder()
                .attachments(false).build()).build().start()) {
            EnhancedClient c = new EnhancedClient(none.baseUrl(), none.enhancedChat()).login();
            String id = EnhancedClient.uuid();
            c.create(id, Map.of());

            Reply r = upload(c, id, EnhancedClient.uuid(), "a.txt", "text/plain", new byte[] {1}, false);

            assertThat(r.status()).isEqualTo(403);
        }
    }

    /** A multipart {@code /file} request; the JSON part as a plain field or as a file part, as clients differ. */
    static Reply upload(EnhancedClient c, String conversationId, String messageId, String name, String type, byte[] data,
                        boolean entryAsFilePart) {
        String boundary = "----miaw-test";
        String entry = "{\"esDeveloperName\":\"" + c.deployment + "\",\"message\":{\"id\":\"" + messageId
                + "\",\"fileId\":\"" + EnhancedClient.uuid() + "\"}}";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String entryHead = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"messageEntry\""
                + (entryAsFilePart ? "; filename=\"blob\"\r\nContent-Type: application/json" : "") + "\r\n\r\n";
        body.writeBytes((entryHead + entry + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"fileData\"; filename=\"" + name
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(c.baseUrl + EnhancedClient.V2 + "conversation/" + conversationId
                        + "/file"))
                .header("Authorization", "Bearer " + c.token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return c.exchange(req);
    }
}
