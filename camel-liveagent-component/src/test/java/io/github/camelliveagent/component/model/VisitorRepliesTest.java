package io.github.camelliveagent.component.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.camelliveagent.component.model.message.Availability;
import io.github.camelliveagent.component.model.message.AvailabilityResult;
import io.github.camelliveagent.component.model.message.Settings;
import io.github.camelliveagent.component.model.message.SettingsButton;
import io.github.camelliveagent.component.model.message.SwitchServer;
import io.github.camelliveagent.component.model.message.VisitorId;
import org.junit.jupiter.api.Test;

/** Visitor/Availability, Visitor/Settings and Visitor/VisitorId replies, wrapped or bare. */
class VisitorRepliesTest {

    @Test
    void availabilityWrappedWithOmittedIsAvailableMeaningFalse() {
        VisitorReply reply = LiveAgentJson.readAvailability(Fixtures.bytes("visitor/availability.json"));
        assertThat(reply.switchServer()).isEmpty();
        Availability availability = reply.first(Availability.class).orElseThrow();
        assertThat(availability.results()).containsExactly(
                new AvailabilityResult("573xx0000000001", true, 42),
                new AvailabilityResult("573xx0000000002", false, null));
    }

    @Test
    void availabilityWritesFalseByOmittingIsAvailableAsTheServerDoes() {
        assertThat(LiveAgentJson.writeString(new AvailabilityResult("573xx0000000002", false, null)))
                .isEqualTo("{\"id\":\"573xx0000000002\"}");
        assertThat(LiveAgentJson.writeString(new AvailabilityResult("573xx0000000001", true, 42)))
                .isEqualTo("{\"id\":\"573xx0000000001\",\"isAvailable\":true,\"estimatedWaitTime\":42}");
    }

    @Test
    void availabilityMaySwitchServer() {
        VisitorReply reply = LiveAgentJson.readAvailability(Fixtures.bytes("visitor/availability-switch-server.json"));
        assertThat(reply.first(Availability.class)).isEmpty();
        assertThat(reply.switchServer()).get().extracting(SwitchServer::newUrl)
                .isEqualTo("https://d.la4-c2-phx.salesforceliveagent.com/chat");
        assertThat(reply.messages()).hasSize(1);
    }

    @Test
    void availabilityBareWithStringBoolean() {
        VisitorReply reply = LiveAgentJson.readAvailability(Fixtures.bytes("visitor/availability-bare.json"));
        assertThat(reply.first(Availability.class)).get().extracting(Availability::results).asList().containsExactly(
                new AvailabilityResult("573xx0000000003", true, null),
                new AvailabilityResult("005xx0000000004", false, -1));
    }

    @Test
    void settingsWrapped() {
        Settings settings = LiveAgentJson.readSettings(Fixtures.bytes("visitor/settings.json"))
                .first(Settings.class).orElseThrow();
        assertThat(settings.pingRate()).isEqualTo(50000.0);
        assertThat(settings.buttons()).extracting(SettingsButton::id, SettingsButton::isAvailable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("573xx0000000001", true),
                        org.assertj.core.groups.Tuple.tuple("573xx0000000005", false));
    }

    @Test
    void settingsBareAcceptsLowercasePingrateAndWritesPingRate() {
        Settings settings = LiveAgentJson.readSettings(Fixtures.bytes("visitor/settings-bare-pingrate.json"))
                .first(Settings.class).orElseThrow();
        assertThat(settings.pingRate()).isEqualTo(50000.0);
        assertThat(settings.contentServerUrl()).isEqualTo("https://c.la1-c1-fra.salesforceliveagent.com/content");
        assertThat(settings.buttons()).containsExactly(
                new SettingsButton("573xx0000000006", "Invite", null, null, null, false, null));
        assertThat(LiveAgentJson.writeString(settings)).contains("\"pingRate\":50000.0").doesNotContain("pingrate");
    }

    @Test
    void visitorIdWrappedAndBare() {
        assertThat(LiveAgentJson.readVisitorId(Fixtures.bytes("visitor/visitor-id.json")).first(VisitorId.class))
                .contains(new VisitorId("8f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8"));
        assertThat(LiveAgentJson.readVisitorId(Fixtures.bytes("visitor/visitor-id-bare.json")).messages())
                .containsExactly(new VisitorId("8f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8"));
    }

    @Test
    void genericVisitorReplyReadsBareObjectsAsTheGivenType() {
        assertThat(LiveAgentJson.readVisitorReply(Fixtures.bytes("visitor/visitor-id-bare.json"), VisitorId.class)
                .messages()).containsExactly(new VisitorId("8f3c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8"));
    }
}
