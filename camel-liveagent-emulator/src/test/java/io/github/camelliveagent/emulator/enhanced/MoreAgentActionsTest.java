package io.github.camelliveagent.emulator.enhanced;

import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** miaw-api.md §9's agent controls beyond Live Agent's: a bot first, choices, attachments, inactivity; the config endpoints. */
class MoreAgentActionsTest extends EnhancedChatTestBase {

    @Test
    void botJoinsFirstAndHandsOverToAnAgent() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = c.stream()) {
            EnhancedConversation conv = emu.awaitConversation(id, Duration.ofSeconds(5));
            conv.botJoin("Astro");
            conv.agentMessage("I am a bot");
            conv.transfer("Ann");
            conv.agentMessage("I am human");

            List<SseFrame> said = s.awaitCount(f -> f.event().equals("CONVERSATION_MESSAGE"), 2);
            SseFrame joined = s.await("CONVERSATION_PARTICIPANT_CHANGED");
            assertThat(joined.payload().path("entries").path(0).path("participant").path("role").asText()).isEqualTo("Chatbot");
            assertThat(said.get(0).role()).isEqualTo("Chatbot");
            assertThat(said.get(1).role()).isEqualTo("Agent");
        }
    }

    @Test
    void choicesMessageOffersButtonsAndTheAnswerComesBack() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            emu.conversation(id).agentChoices("Did that help?", List.of("Yes", "No"));

            SseFrame offered = s.await("CONVERSATION_MESSAGE");
            var choices = offered.payload().path("abstractMessage").path("choices");
            assertThat(offered.payload().path("abstractMessage").path("messageType").asText()).isEqualTo("ChoicesMessage");
            assertThat(choices.path("formatType").asText()).isEqualTo("Buttons");
            assertThat(choices.path("optionItems").path(1).path("titleItem").path("title").asText()).isEqualTo("No");
            String option = choices.path("optionItems").path(0).path("optionIdentifier").asText();
            Reply answer = c.post(EnhancedClient.V2 + "conversation/" + id + "/message", "{\"message\":{\"id\":\""
                    + EnhancedClient.uuid() + "\",\"messageType\":\"ChoicesResponseMessage\",\"inReplyToMessageId\":\""
                    + offered.payload().path("id").asText() + "\",\"choicesResponse\":{\"formatType\":\"Selections\","
                    + "\"selectedOptions\":[{\"optionIdentifier\":\"" + option + "\",\"optionTitle\":{\"itemType\":"
                    + "\"TitleItem\",\"title\":\"Yes\"}}]}},\"esDeveloperName\":\"Emulated_Custom_Client\"}");
            assertThat(answer.status()).isEqualTo(202);
            assertThat(emu.conversation(id).transcript().visitorMessages()).containsExactly("Yes");
        }
    }

    @Test
    void agentAttachmentAndTheEndUsersFileCanBeDownloadedByTheirLinks() throws Exception {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            byte[] pdf = "%PDF-1.4 emulated".getBytes();
            emu.conversation(id).agentAttachment("terms.pdf", "application/pdf", pdf, "Our terms");
            SseUploadCheck.sent(c, id, "me.txt", "text/plain", "mine".getBytes());

            SseFrame agentFile = s.await(f -> f.event().equals("CONVERSATION_MESSAGE") && f.role().equals("Agent"));
            SseFrame ownFile = s.await(f -> f.event().equals("CONVERSATION_MESSAGE") && f.role().equals("EndUser"));
            var attachment = agentFile.payload().path("abstractMessage").path("staticContent").path("attachments").path(0);
            assertThat(attachment.path("name").asText()).isEqualTo("terms.pdf");
            HttpResponse<byte[]> got = c.http.send(HttpRequest.newBuilder(URI.create(attachment.path("url").asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).isEqualTo(pdf);
            assertThat(got.headers().firstValue("Content-Type")).contains("application/pdf");
            String ownUrl = ownFile.payload().path("abstractMessage").path("staticContent").path("attachments").path(0)
                    .path("url").asText();
            assertThat(c.http.send(HttpRequest.newBuilder(URI.create(ownUrl)).build(), HttpResponse.BodyHandlers.ofString())
                    .body()).isEqualTo("mine");
            assertThat(c.http.send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/emulator/enhanced/files/"
                    + EnhancedClient.uuid())).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void inactiveSessionGoesBackToWaitingOnTheNextMessage() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            EnhancedConversation conv = emu.conversation(id);
            conv.inactivate();
            s.await(f -> f.event().equals("CONVERSATION_SESSION_STATUS_CHANGED")
                    && f.payload().path("sessionStatus").asText().equals("Inactive"));

            assertThat(c.message(id, "are you there?").status()).isEqualTo(202);

            SseFrame waiting = s.await(f -> f.event().equals("CONVERSATION_SESSION_STATUS_CHANGED")
                    && f.payload().path("sessionStatus").asText().equals("Waiting")
                    && f.payload().path("sessionStatusPrev").asText().equals("Inactive"));
            assertThat(waiting).isNotNull();
            assertThat(conv.state()).isEqualTo(SessionState.QUEUED);
            assertThat(conv.inactive()).isFalse();
            assertThat(conv.sessionCount()).as("the same messaging session").isEqualTo(1);
            conv.accept("Bob");
            assertThat(c.status(id).json().path("routingStatus").asText()).isEqualTo("ROUTED");
        }
    }

    @Test
    void agentActionsOverHttpIncludeTheEnhancedChatOnes() {
        EnhancedClient c = client();
        String id = created(c);
        RestClient control = new RestClient(emu.baseUrl());
        String base = "/emulator/sessions/" + id + "/";

        assertThat(control.send("POST", base + "bot-join", "{\"botName\":\"Astro\"}").status()).isEqualTo(200);
        assertThat(control.send("POST", base + "choices", "{\"text\":\"Pick\",\"options\":[\"A\",\"B\"]}").status())
                .isEqualTo(200);
        Reply file = control.send("POST", base + "attachment", "{\"fileName\":\"a.txt\",\"mimeType\":\"text/plain\","
                + "\"contentBase64\":\"" + Base64.getEncoder().encodeToString("hi".getBytes()) + "\"}");
        Reply badOptions = control.send("POST", base + "choices", "{\"text\":\"Pick\",\"options\":[]}");
        assertThat(control.send("POST", base + "inactivate", null).status()).isEqualTo(200);

        assertThat(file.status()).isEqualTo(200);
        assertThat(file.json().path("fileId").asText()).hasSize(36);
        assertThat(badOptions.status()).isEqualTo(400);
        assertThat(badOptions.body()).contains("options");
        assertThat(emu.conversation(id).transcript().agentMessages()).containsExactly("Pick", "a.txt");
        assertThat(emu.conversation(id).inactive()).isTrue();
    }

    @Test
    void deploymentConfigAndBusinessHoursNeedNoToken() {
        EnhancedClient c = new EnhancedClient(emu.baseUrl(), emu.enhancedChat());

        Reply config = c.send("GET", "/embeddedservice/v1/embedded-service-config?orgId=00D000000000001"
                + "&esConfigName=Emulated_Custom_Client&language=en_US", null, false);
        Reply hours = c.send("GET", "/embeddedservice/v1/businesshours?orgId=00D000000000001"
                + "&esConfigName=Emulated_Custom_Client", null, false);
        Reply wrong = c.send("GET", "/embeddedservice/v1/businesshours?orgId=00D000000000001&esConfigName=Other", null, false);

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("deploymentType").asText()).isEqualTo("API");
        assertThat(config.json().path("forms").path(0).path("formType").asText()).isEqualTo("PreChat");
        var interval = hours.json().path("businessHoursInfo").path("businessHours").path(0);
        long now = System.currentTimeMillis();
        assertThat(interval.path("startTime").asLong()).isLessThan(now);
        assertThat(interval.path("endTime").asLong()).isGreaterThan(now);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("message").asText()).contains("esConfigName");
    }
}
