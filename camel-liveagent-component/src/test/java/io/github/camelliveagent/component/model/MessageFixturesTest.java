package io.github.camelliveagent.component.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelliveagent.component.model.message.AgentDisconnect;
import io.github.camelliveagent.component.model.message.AgentJoinedConference;
import io.github.camelliveagent.component.model.message.AgentLeftConference;
import io.github.camelliveagent.component.model.message.AgentNotTyping;
import io.github.camelliveagent.component.model.message.AgentTyping;
import io.github.camelliveagent.component.model.message.AsyncResult;
import io.github.camelliveagent.component.model.message.Availability;
import io.github.camelliveagent.component.model.message.AvailabilityResult;
import io.github.camelliveagent.component.model.message.ChasitorIdleTimeout;
import io.github.camelliveagent.component.model.message.ChasitorSessionData;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestFail;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.ChatResumedAfterTransfer;
import io.github.camelliveagent.component.model.message.ChatTransferred;
import io.github.camelliveagent.component.model.message.CustomEvent;
import io.github.camelliveagent.component.model.message.FileTransfer;
import io.github.camelliveagent.component.model.message.GeoLocation;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.NewVisitorBreadcrumb;
import io.github.camelliveagent.component.model.message.QueueUpdate;
import io.github.camelliveagent.component.model.message.ReconnectSession;
import io.github.camelliveagent.component.model.message.RichMessage;
import io.github.camelliveagent.component.model.message.SensitiveDataRule;
import io.github.camelliveagent.component.model.message.SensitiveDataRules;
import io.github.camelliveagent.component.model.message.Settings;
import io.github.camelliveagent.component.model.message.SettingsButton;
import io.github.camelliveagent.component.model.message.SwitchServer;
import io.github.camelliveagent.component.model.message.TranscriptEntry;
import io.github.camelliveagent.component.model.message.TransferToButtonInitiated;
import io.github.camelliveagent.component.model.message.UnknownMessage;
import io.github.camelliveagent.component.model.message.VisitorId;
import io.github.camelliveagent.component.model.request.CustomDetail;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One fixture per server message type (fixtures/messages/&lt;Type&gt;.json), read into its record and written back. */
class MessageFixturesTest {

    static Stream<String> messageFixtures() {
        return Fixtures.list("messages").stream();
    }

    static Stream<String> singleTypeFixtures() {
        return messageFixtures().filter(n -> MessageTypes.isKnown(n.replace(".json", "")));
    }

    private static <T extends LiveAgentMessage> T single(String type, Class<T> cls) {
        Messages messages = LiveAgentJson.readMessages(Fixtures.bytes("messages/" + type + ".json"));
        assertThat(messages.messages()).hasSize(1);
        assertThat(messages.messages().get(0)).isInstanceOf(cls);
        return cls.cast(messages.messages().get(0));
    }

    @Test
    void everyKnownTypeHasAFixture() {
        assertThat(singleTypeFixtures().map(n -> n.replace(".json", "")).toList())
                .containsExactlyInAnyOrderElementsOf(MessageTypes.knownTypes());
    }

    @ParameterizedTest
    @MethodSource("singleTypeFixtures")
    void fixtureIsReadAsTheRecordOfItsWireType(String fixture) {
        String type = fixture.replace(".json", "");
        Messages messages = LiveAgentJson.readMessages(Fixtures.bytes("messages/" + fixture));
        assertThat(messages.messages()).singleElement()
                .isInstanceOf(MessageTypes.classFor(type))
                .isNotInstanceOf(UnknownMessage.class)
                .extracting(LiveAgentMessage::type).isEqualTo(type);
    }

    @ParameterizedTest
    @MethodSource("messageFixtures")
    void writingWhatWasReadGivesTheSameWireJson(String fixture) {
        JsonNode original = Fixtures.tree("messages/" + fixture);
        Messages read = LiveAgentJson.readMessages(Fixtures.bytes("messages/" + fixture));
        JsonNode written = Fixtures.tree(LiveAgentJson.write(read));

        assertThat(written.get("messages")).isEqualTo(original.get("messages"));
        assertThat(written.get("sequence").asLong()).isEqualTo(original.path("sequence").asLong(0));
        assertThat(written.get("offset").asLong()).isEqualTo(original.path("offset").asLong(0));
        assertThat(LiveAgentJson.readMessages(LiveAgentJson.write(read))).isEqualTo(read);
    }

    @Test
    void chatRequestSuccess() {
        Messages payload = LiveAgentJson.readMessages(Fixtures.bytes("messages/ChatRequestSuccess.json"));
        assertThat(payload.sequence()).isZero();
        assertThat(payload.offset()).isEqualTo(1636522046L);
        ChatRequestSuccess m = single("ChatRequestSuccess", ChatRequestSuccess.class);
        assertThat(m.queuePosition()).isEqualTo(1);
        assertThat(m.estimatedWaitTime()).isEqualTo(120);
        assertThat(m.geoLocation()).isEqualTo(
                new GeoLocation("DE", "Germany", "BE", "Berlin", "ExampleISP", 52.5, 13.4));
        assertThat(m.url()).isEqualTo("https://shop.example.com/help");
        assertThat(m.oref()).isEqualTo("https://www.example.com/");
        assertThat(m.postChatUrl()).isEqualTo("https://shop.example.com/postchat");
        assertThat(m.customDetails()).containsExactly(new CustomDetail("E-Mail", "visitor@example.com",
                List.of("Email__c"), true, null, null, null));
        assertThat(m.visitorId()).isEqualTo("0d6f3c2e-5b1a-4c0e-9a55-2f6a7b8c9d01");
        assertThat(m.connectionTimeout()).isEqualTo(150000);
        assertThat(m.sensitiveDataRules()).containsExactly(
                new SensitiveDataRule("0GO000000000001", "Credit card", "\\d{16}", "****", "Replace"));
        assertThat(m.transcriptSaveEnabled()).isTrue();
    }

    @Test
    void chatRequestFail() {
        ChatRequestFail m = single("ChatRequestFail", ChatRequestFail.class);
        assertThat(m.reason()).isEqualTo("Unavailable");
        assertThat(m.postChatUrl()).isEmpty();
        assertThat(m.attachedRecords().isArray()).isTrue();
        assertThat(m.attachedRecords()).isEmpty();
    }

    @Test
    void queueUpdateUsesPositionNotQueuePosition() {
        QueueUpdate m = single("QueueUpdate", QueueUpdate.class);
        assertThat(m.position()).isEqualTo(3);
        assertThat(m.estimatedWaitTime()).isEqualTo(60);
    }

    @Test
    void chatEstablishedWithNestedIdleTimeout() {
        ChatEstablished m = single("ChatEstablished", ChatEstablished.class);
        assertThat(m.name()).isEqualTo("Agent A");
        assertThat(m.userId()).isEqualTo("005000000000001");
        assertThat(m.sneakPeekEnabled()).isTrue();
        assertThat(m.chasitorIdleTimeout()).isEqualTo(new ChasitorIdleTimeout(true, 90, 180));
        assertThat(m.items().isArray()).isTrue();
    }

    @Test
    void chatMessage() {
        ChatMessage m = single("ChatMessage", ChatMessage.class);
        assertThat(m.name()).isEqualTo("Agent A");
        assertThat(m.text()).isEqualTo("Hi, how can I help?");
        assertThat(m.agentId()).isEqualTo("005000000000001");
        assertThat(m.schedule()).isEqualTo(new ChatMessage.Schedule(0));
    }

    @Test
    void agentTypingAndNotTyping() {
        assertThat(single("AgentTyping", AgentTyping.class)).isEqualTo(new AgentTyping("Agent A", "005000000000001"));
        assertThat(single("AgentNotTyping", AgentNotTyping.class))
                .isEqualTo(new AgentNotTyping("Agent A", "005000000000001"));
    }

    @Test
    void fieldLessTypes() {
        assertThat(single("AgentDisconnect", AgentDisconnect.class)).isEqualTo(new AgentDisconnect());
        assertThat(single("TransferToButtonInitiated", TransferToButtonInitiated.class))
                .isEqualTo(new TransferToButtonInitiated());
        assertThat(LiveAgentJson.writeString(new AgentDisconnect())).isEqualTo("{}");
    }

    @Test
    void chatTransferred() {
        ChatTransferred m = single("ChatTransferred", ChatTransferred.class);
        assertThat(m).isEqualTo(new ChatTransferred("Agent B", "005000000000002", false,
                new ChasitorIdleTimeout(true, 60, 120)));
    }

    @Test
    void chatEndedKeepsAttachedRecords() {
        ChatEnded m = single("ChatEnded", ChatEnded.class);
        assertThat(m.reason()).isEqualTo("agent");
        assertThat(m.attachedRecords().get("ContactId").asText()).isEqualTo("003000000000001");
        assertThat(m.attachedRecords().get("CaseId").asText()).isEqualTo("500000000000001");
    }

    @Test
    void customEventMapsItsOwnTypeFieldToCustomEventType() {
        CustomEvent m = single("CustomEvent", CustomEvent.class);
        assertThat(m.type()).isEqualTo("CustomEvent");
        assertThat(m.customEventType()).isEqualTo("OrderLookup");
        assertThat(m.data()).isEqualTo("{\"orderId\":\"A-42\"}");
        assertThat(Fixtures.tree(LiveAgentJson.write(m)))
                .isEqualTo(Fixtures.tree("{\"type\":\"OrderLookup\",\"data\":\"{\\\"orderId\\\":\\\"A-42\\\"}\"}"
                        .getBytes()));
    }

    @Test
    void newVisitorBreadcrumb() {
        assertThat(single("NewVisitorBreadcrumb", NewVisitorBreadcrumb.class).location())
                .isEqualTo("https://shop.example.com/cart");
    }

    @Test
    void chasitorSessionDataWithTranscript() {
        ChasitorSessionData m = single("ChasitorSessionData", ChasitorSessionData.class);
        assertThat(m.queuePosition()).isZero();
        assertThat(m.geoLocation().city()).isEqualTo("Paris");
        assertThat(m.geoLocation().latitude()).isEqualTo(48.85);
        assertThat(m.url()).isEqualTo("https://shop.example.com/help");
        assertThat(m.oref()).isEmpty();
        assertThat(m.postChatUrl()).isEqualTo("https://shop.example.com/postchat");
        assertThat(m.sneakPeekEnabled()).isTrue();
        assertThat(m.chatMessages()).containsExactly(
                new TranscriptEntry("Agent", "Agent A", "Hi, how can I help?", 1636522070123L, 1L),
                new TranscriptEntry("Chasitor", "Visitor", "Where is my order?", 1636522075456L, 2L),
                new TranscriptEntry("OperatorTransferred", "Agent B", "", 1636522080789L, 3L));
    }

    @Test
    void sensitiveDataRules() {
        SensitiveDataRules m = single("SensitiveDataRules", SensitiveDataRules.class);
        assertThat(m.sensitiveDataRules()).containsExactly(new SensitiveDataRule("0GO000000000002", "SSN",
                "\\d{3}-\\d{2}-\\d{4}", "XXX-XX-XXXX", "Replace"));
    }

    @Test
    void fileTransferMapsItsOwnTypeFieldToFileTransferType() {
        FileTransfer m = single("FileTransfer", FileTransfer.class);
        assertThat(m.type()).isEqualTo("FileTransfer");
        assertThat(m.fileTransferType()).isEqualTo(FileTransfer.REQUESTED);
        assertThat(m.uploadServletUrl()).isEqualTo("https://d.la1-c1-fra.salesforceliveagent.com/content/fileUpload");
        assertThat(m.fileToken()).isEqualTo("c8a2f1e0-1b2c-4d5e-8f90-0123456789ab");
        assertThat(m.cdmServletUrl()).isEqualTo("https://d.la1-c1-fra.salesforceliveagent.com/content/cdm");
    }

    @Test
    void chatResumedAfterTransfer() {
        assertThat(single("ChatResumedAfterTransfer", ChatResumedAfterTransfer.class))
                .isEqualTo(new ChatResumedAfterTransfer("Agent B", false, false));
    }

    @Test
    void conferenceJoinAndLeave() {
        assertThat(single("AgentJoinedConference", AgentJoinedConference.class).name()).isEqualTo("Agent C");
        assertThat(single("AgentLeftConference", AgentLeftConference.class).name()).isEqualTo("Agent C");
    }

    @Test
    void richMessageKeepsTheWholeObject() {
        RichMessage m = single("RichMessage", RichMessage.class);
        assertThat(m.type()).isEqualTo("RichMessage");
        assertThat(m.richMessageType()).isEqualTo("ChatWindowMenu");
        assertThat(m.content().get("header").asText()).isEqualTo("Choose a topic");
        assertThat(m.content().get("items")).hasSize(2);
        assertThat(m.content().get("items").get(1).get("value").asText()).isEqualTo("returns");
    }

    @Test
    void asyncResult() {
        assertThat(single("AsyncResult", AsyncResult.class)).isEqualTo(new AsyncResult(false, "File upload failed"));
    }

    @Test
    void switchServerGivesNewUrlAndHost() {
        SwitchServer m = single("SwitchServer", SwitchServer.class);
        assertThat(m.newUrl()).isEqualTo("https://d.la2-c2-ukb.salesforceliveagent.com/chat");
        assertThat(m.newHost()).isEqualTo("d.la2-c2-ukb.salesforceliveagent.com");
        assertThat(new SwitchServer(null).newHost()).isNull();
    }

    @Test
    void reconnectSessionAsMessage() {
        assertThat(single("ReconnectSession", ReconnectSession.class))
                .isEqualTo(new ReconnectSession(true, "1a2b3c4d"));
    }

    @Test
    void availabilityWithOmittedIsAvailable() {
        Availability m = single("Availability", Availability.class);
        assertThat(m.results()).containsExactly(new AvailabilityResult("573xx0000000001", true, 42),
                new AvailabilityResult("573xx0000000002", false, null));
    }

    @Test
    void settingsAndVisitorId() {
        Settings s = single("Settings", Settings.class);
        assertThat(s.pingRate()).isEqualTo(50000.0);
        assertThat(s.contentServerUrl()).isEqualTo("https://c.la1-c1-fra.salesforceliveagent.com/content");
        assertThat(s.buttons()).containsExactly(
                new SettingsButton("573xx0000000001", "Standard", "", "https://shop.example.com/prechat", "en_US",
                        true, 30),
                new SettingsButton("573xx0000000005", "ToAgent", null, null, "de", false, null));
        assertThat(single("VisitorId", VisitorId.class).sessionId()).isEqualTo("8f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8");
    }
}
