package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static io.github.camelliveagent.emulator.support.RestClient.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

class VisitorResourcesTest extends EmulatorTestBase {

    @Override
    protected LiveAgentEmulator.Builder emulatorConfig() {
        return eventIndexBuilder();
    }

    @BeforeAll
    void oneButtonOff() {
        emu.setAvailable("573OFF", false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"573ON,573OFF", "[573ON,573OFF]", "[573ON, 573OFF]"})
    void availabilityAcceptsBothIdListFormsAndOmitsIsAvailableWhenFalse(String ids) {
        Reply r = client.get("/chat/rest/Visitor/Availability?org_id=00D&deployment_id=572&Availability.prefix=Visitor"
                + "&Availability.ids=" + URLEncoder.encode(ids, StandardCharsets.UTF_8), VERSION, "42");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.types()).containsExactly("Availability");
        var results = r.message("Availability").path("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("id").asText()).isEqualTo("573ON");
        assertThat(results.get(0).path("isAvailable").asBoolean()).isTrue();
        assertThat(results.get(1).path("id").asText()).isEqualTo("573OFF");
        assertThat(results.get(1).has("isAvailable")).isFalse();
        assertThat(results.get(0).has("estimatedWaitTime")).isFalse();
    }

    @Test
    void availabilityReportsEstimatedWaitTimeOnlyWhenAskedFromVersion47() {
        String path = "/chat/rest/Visitor/Availability?Availability.ids=573ON&Availability.needEstimatedWaitTime=1";
        assertThat(client.get(path, VERSION, "47").message("Availability").path("results").get(0).has("estimatedWaitTime"))
                .isTrue();
        assertThat(client.get(path, VERSION, "46").message("Availability").path("results").get(0).has("estimatedWaitTime"))
                .isFalse();
    }

    @Test
    void availabilityFollowsSetAvailable() {
        emu.setAvailable("573FLIP", false);
        assertThat(client.get("/chat/rest/Visitor/Availability?Availability.ids=573FLIP", VERSION, "42")
                .message("Availability").path("results").get(0).has("isAvailable")).isFalse();
        emu.setAvailable("573FLIP", true);
        assertThat(client.get("/chat/rest/Visitor/Availability?Availability.ids=573FLIP", VERSION, "42")
                .message("Availability").path("results").get(0).path("isAvailable").asBoolean()).isTrue();
    }

    @Test
    void availabilityWithoutIdsIs400() {
        Reply r = client.get("/chat/rest/Visitor/Availability", VERSION, "42");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("Availability.ids");
    }

    @Test
    void settingsListsTheButtons() {
        Reply r = client.get("/chat/rest/Visitor/Settings?org_id=00D&deployment_id=572&Settings.buttonIds=[573ON,573OFF]",
                VERSION, "42");
        assertThat(r.status()).isEqualTo(200);
        var m = r.message("Settings");
        assertThat(m.path("pingRate").isNumber()).isTrue();
        assertThat(m.path("buttons")).hasSize(2);
        assertThat(m.path("buttons").get(0).path("isAvailable").asBoolean()).isTrue();
        assertThat(m.path("buttons").get(1).has("isAvailable")).isFalse();
        assertThat(m.path("buttons").get(0).path("type").asText()).isEqualTo("Standard");
    }

    @Test
    void settingsAcceptsRepeatedButtonIdParameters() {
        Reply r = client.get("/chat/rest/Visitor/Settings?Settings.buttonIds=573ON&Settings.buttonIds=573OFF", VERSION, "42");
        assertThat(r.message("Settings").path("buttons").findValuesAsText("id")).containsExactly("573ON", "573OFF");
    }

    @Test
    void visitorIdReturnsATrackingId() {
        Reply r = client.get("/chat/rest/Visitor/VisitorId?org_id=00D&deployment_id=572", VERSION, "42");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.message("VisitorId").path("sessionId").asText()).hasSize(36);
    }

    @Test
    void breadcrumbIsAPost() {
        assertThat(client.send("POST", "/chat/rest/Visitor/Breadcrumb", "{\"location\":\"https://example.com/\"}",
                VERSION, "42").body()).isEqualTo("OK");
        assertThat(client.get("/chat/rest/Visitor/Breadcrumb", VERSION, "42").status()).isEqualTo(405);
    }
}
