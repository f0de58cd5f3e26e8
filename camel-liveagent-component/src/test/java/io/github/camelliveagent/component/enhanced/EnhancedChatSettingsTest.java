package io.github.camelliveagent.component.enhanced;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.camelliveagent.component.enhanced.client.EnhancedChatSettings;
import io.github.camelliveagent.component.enhanced.client.MessagingApi;
import io.github.camelliveagent.component.enhanced.model.AccessToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The options of an Enhanced Chat endpoint, ids the server demands, and when a token is renewed. */
class EnhancedChatSettingsTest {

    private static EnhancedChatSettings settings(String hostname, String orgId, String developerName) {
        return EnhancedChatSettings.of(hostname, false, orgId, developerName, "1", 30_000, 5, 500);
    }

    @Test
    void anEighteenCharacterOrgIdIsSentAsFifteen() {
        assertThat(settings("https://acme.my.salesforce-scrt.com", "00D5g000004ABCDEAZ", "Web").organizationId())
                .isEqualTo("00D5g000004ABCD");
        assertThat(settings("https://acme.my.salesforce-scrt.com", "00D5g000004ABCD", "Web").organizationId())
                .isEqualTo("00D5g000004ABCD");
        assertThatThrownBy(() -> settings("https://acme.my.salesforce-scrt.com", "5720000000000AB", "Web"))
                .hasMessageContaining("organizationId").hasMessageContaining("00D");
    }

    @Test
    void hostnameAndDeveloperNameAreChecked() {
        assertThat(settings("acme.my.salesforce-scrt.com/", "00D000000000001", "Web").baseUri())
                .hasToString("https://acme.my.salesforce-scrt.com");
        assertThat(settings("http://127.0.0.1:8080", "00D000000000001", "Web").uri("/eventrouter/v1/sse"))
                .hasToString("http://127.0.0.1:8080/eventrouter/v1/sse");
        assertThatThrownBy(() -> settings("http://acme.example.com", "00D000000000001", "Web"))
                .hasMessageContaining("hostname").hasMessageContaining("allowInsecureHttp");
        assertThatThrownBy(() -> settings(null, "00D000000000001", "Web")).hasMessageContaining("hostname is required");
        assertThatThrownBy(() -> settings("https://acme.my.salesforce-scrt.com", "00D000000000001", " "))
                .hasMessageContaining("esDeveloperName is required");
    }

    @Test
    void idsAreLowercaseUuidVersion4() {
        for (int i = 0; i < 100; i++) {
            assertThat(MessagingApi.newId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }
    }

    @Test
    void aTokenIsRenewedBeforeItExpires() {
        long now = 1_000_000_000_000L;
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"orgId\":\"00D000000000001\",\"exp\":" + (now / 1000 + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        AccessToken hour = AccessToken.of("eyJhbGciOiJIUzI1NiJ9." + payload + ".sig", "42", now);
        assertThat(hour.expiresAtMs()).isEqualTo(now + 3_600_000L);
        assertThat(hour.renewAtMs()).isEqualTo(now + 2_880_000L); // four fifths of an hour, more than a minute before
        String shortPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"exp\":" + (now / 1000 + 10) + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(AccessToken.of("h." + shortPayload + ".s", null, now).renewAtMs()).isEqualTo(now + 8_000L);
        assertThat(AccessToken.of("opaque", null, now).renewAtMs()).as("no readable expiry: renewed on a 401 only")
                .isEqualTo(-1);
        assertThat(hour.toString()).doesNotContain(payload);
    }
}
