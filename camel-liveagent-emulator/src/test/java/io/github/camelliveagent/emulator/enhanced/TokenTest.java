package io.github.camelliveagent.emulator.enhanced;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.enhanced.token.OrgIds;
import io.github.camelliveagent.emulator.session.Json;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** miaw-api.md §2 and §9.5–6: minting, checking, expiring, continuing and revoking access tokens. */
class TokenTest extends EnhancedChatTestBase {

    @Test
    void unknownPropertyInTheMintRequestIsRefusedNamingIt() {
        EnhancedClient c = new EnhancedClient(emu.baseUrl(), emu.enhancedChat());
        ObjectNode body = c.tokenRequest();
        body.put("developerName", "Emulated_Custom_Client"); // the v1 spelling (pitfall 1)

        Reply r = c.mint(body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("developerName");
    }

    @Test
    void unknownOrgOrDeploymentOrPlatformIsRefused() {
        EnhancedClient c = new EnhancedClient(emu.baseUrl(), emu.enhancedChat());
        ObjectNode wrongOrg = c.tokenRequest().put("orgId", "00D000000000002");
        ObjectNode wrongDeployment = c.tokenRequest().put("esDeveloperName", "Other");
        ObjectNode wrongPlatform = c.tokenRequest().put("platform", "Desktop");
        ObjectNode missingCaps = c.tokenRequest();
        missingCaps.remove("capabilitiesVersion");

        assertThat(c.mint(wrongOrg).json().path("message").asText()).contains("orgId");
        assertThat(c.mint(wrongDeployment).json().path("message").asText()).contains("esDeveloperName");
        assertThat(c.mint(wrongPlatform).json().path("message").asText()).contains("Web or Mobile");
        assertThat(c.mint(missingCaps).status()).isEqualTo(400);
        assertThat(c.mint(wrongOrg).status()).isEqualTo(400);
    }

    @Test
    void eighteenCharacterOrgIdIsAcceptedAtMintAndTheTokenCarriesTheFifteen() throws Exception {
        EnhancedClient c = new EnhancedClient(emu.baseUrl(), emu.enhancedChat());
        String org18 = OrgIds.to18("00D000000000001");

        Reply r = c.mint(c.tokenRequest().put("orgId", org18));

        assertThat(org18).hasSize(18);
        assertThat(r.status()).isEqualTo(200);
        String payload = new String(Base64.getUrlDecoder().decode(r.json().path("accessToken").asText().split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(Json.read(payload).path("orgId").asText()).isEqualTo("00D000000000001");
        assertThat(c.mint(c.tokenRequest().put("orgId", "00D000000000001XYZ")).status())
                .as("an 18-character id with a wrong checksum").isEqualTo(400);
    }

    @Test
    void callsWithoutAValidTokenAre401() {
        EnhancedClient c = client();
        String id = created(c);
        String good = c.token;
        String[] parts = good.split("\\.");
        // the payload of another token under this token's signature: an edited token
        String edited = parts[0] + "." + client().token.split("\\.")[1] + "." + parts[2];

        c.token = null;
        assertThat(c.status(id).status()).as("no token").isEqualTo(401);
        c.token = "not-a-jwt";
        assertThat(c.status(id).status()).as("garbage").isEqualTo(401);
        c.token = edited;
        assertThat(c.status(id).status()).as("edited").isEqualTo(401);
        try (LiveAgentEmulator other = EmulatorTestBase.eventIndexBuilder().build().start()) {
            c.token = new EnhancedClient(other.baseUrl(), other.enhancedChat()).login().token;
            assertThat(c.status(id).status()).as("signed by another emulator").isEqualTo(401);
        }
        c.token = good;
        assertThat(c.status(id).status()).isEqualTo(200);
    }

    @Test
    void continuationTokenKeepsTheSubjectAndGivesANewClient() throws Exception {
        EnhancedClient c = client();
        String id = created(c);

        Reply r = c.continuation();

        assertThat(r.status()).isEqualTo(200);
        String next = r.json().path("accessToken").asText();
        assertThat(next).isNotEqualTo(c.token);
        assertThat(r.json().path("lastEventId").asText()).matches("\\d+");
        var before = claims(c.token);
        var after = claims(next);
        assertThat(after.path("sub").asText()).isEqualTo(before.path("sub").asText());
        assertThat(after.path("clientId").asText()).isNotEqualTo(before.path("clientId").asText());
        c.token = next;
        assertThat(c.status(id).status()).as("the same end user sees its conversation").isEqualTo(200);
        assertThat(c.list(null).json().path("conversations").path(0).path("conversationId").asText()).isEqualTo(id);
    }

    @Test
    void aNewGuestTokenIsANewEndUserThatCannotSeeTheOldConversation() {
        EnhancedClient c = client();
        String id = created(c);

        c.login();

        assertThat(c.status(id).status()).isEqualTo(404);
        assertThat(c.list(null).json().path("openConversationsFound").asInt()).isZero();
    }

    @Test
    void expiredTokenIs401EverywhereAndCannotBeContinued() {
        try (LiveAgentEmulator short_ = EmulatorTestBase.eventIndexBuilder()
                .enhancedChat(EnhancedChatSettings.builder().tokenLifetime(Duration.ofSeconds(3)).build()).build().start()) {
            EnhancedClient c = new EnhancedClient(short_.baseUrl(), short_.enhancedChat()).login();
            String id = EnhancedClient.uuid();
            assertThat(c.create(id, Map.of()).status()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(15)).until(() -> c.status(id).status() == 401);

            assertThat(c.status(id).json().path("message").asText()).contains("expired");
            assertThat(c.continuation().status()).isEqualTo(401);
            try (SseStream s = c.stream()) {
                assertThat(s.status()).isEqualTo(401);
            }
        }
    }

    @Test
    void continuationGraceLetsAJustExpiredTokenBeContinued() {
        try (LiveAgentEmulator graceful = EmulatorTestBase.eventIndexBuilder().enhancedChat(EnhancedChatSettings.builder()
                .tokenLifetime(Duration.ofSeconds(3)).continuationGrace(Duration.ofMinutes(1)).build()).build().start()) {
            EnhancedClient c = new EnhancedClient(graceful.baseUrl(), graceful.enhancedChat()).login();
            String id = EnhancedClient.uuid();
            assertThat(c.create(id, Map.of()).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(15)).until(() -> c.status(id).status() == 401);

            Reply r = c.continuation();

            assertThat(r.status()).isEqualTo(200);
            c.token = r.json().path("accessToken").asText();
            assertThat(c.status(id).status()).isEqualTo(200);
        }
    }

    @Test
    void continuationExpiryOriginalKeepsTheFirstTokensExpiry() throws Exception {
        try (LiveAgentEmulator strict = EmulatorTestBase.eventIndexBuilder().enhancedChat(EnhancedChatSettings.builder()
                .continuationExpiry(EnhancedChatSettings.ContinuationExpiry.ORIGINAL).build()).build().start()) {
            EnhancedClient c = new EnhancedClient(strict.baseUrl(), strict.enhancedChat()).login();

            String next = c.continuation().json().path("accessToken").asText();

            assertThat(claims(next).path("exp").asLong()).isEqualTo(claims(c.token).path("exp").asLong());
        }
        EnhancedClient c = client();
        String fresh = c.continuation().json().path("accessToken").asText();
        assertThat(claims(fresh).path("exp").asLong()).as("default: a fresh lifetime")
                .isGreaterThanOrEqualTo(claims(c.token).path("exp").asLong());
    }

    @Test
    void verifiedUserGetsTheSameSubjectFromEveryIdentityTokenAndCanRevoke() {
        EnhancedClient first = new EnhancedClient(emu.baseUrl(), emu.enhancedChat());
        first.token = verified(first, "user-42");
        String id = created(first);
        EnhancedClient second = new EnhancedClient(emu.baseUrl(), emu.enhancedChat());
        second.token = verified(second, "user-42");

        assertThat(second.status(id).status()).as("another device of the same user").isEqualTo(200);
        assertThat(second.send("DELETE", EnhancedClient.V2 + "authorization/authenticated/access-token", null, true).status())
                .isEqualTo(204);
        assertThat(second.status(id).status()).as("revoked").isEqualTo(401);
        assertThat(first.status(id).status()).as("the other token lives on").isEqualTo(200);
    }

    private static String verified(EnhancedClient c, String sub) {
        String identity = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"RS256\"}".getBytes())
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"" + sub + "\"}").getBytes())
                + ".c2ln";
        ObjectNode body = c.tokenRequest();
        body.put("authorizationType", "JWT");
        body.put("customerIdentityToken", identity);
        Reply r = c.send("POST", EnhancedClient.V2 + "authorization/authenticated/access-token", Json.write(body), false);
        assertThat(r.status()).as("verified token: %s", r.body()).isEqualTo(200);
        assertThat(r.json().path("context").path("endUser").path("subject").asText()).contains("/AUTH/");
        return r.json().path("accessToken").asText();
    }

    private static com.fasterxml.jackson.databind.JsonNode claims(String jwt) throws Exception {
        return Json.read(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
