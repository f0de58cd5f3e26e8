package io.github.camelliveagent.emulator.enhanced.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.enhanced.EnhancedChatSettings;
import io.github.camelliveagent.emulator.enhanced.conversation.ApiOutcomes;
import io.github.camelliveagent.emulator.enhanced.stream.EventBook;
import io.github.camelliveagent.emulator.enhanced.token.AccessToken;
import io.github.camelliveagent.emulator.enhanced.token.AccessTokens;
import io.github.camelliveagent.emulator.enhanced.token.OrgIds;
import io.github.camelliveagent.emulator.session.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * The authorization resources (miaw-api.md §2): guest and verified-user tokens, their revocation, and continuation
 * tokens. The token text goes into the response body and nowhere else.
 */
final class TokenResources {

    private static final Set<String> GUEST_FIELDS = Set.of("orgId", "esDeveloperName", "capabilitiesVersion", "platform",
            "context", "deviceId", "captchaToken");
    private static final Set<String> VERIFIED_FIELDS = Set.of("orgId", "esDeveloperName", "capabilitiesVersion", "platform",
            "context", "deviceId", "authorizationType", "customerIdentityToken");
    private static final Set<String> CONTEXT_FIELDS = Set.of("appName", "clientVersion");

    private final EnhancedChatSettings settings;
    private final AccessTokens tokens;
    private final EventBook events;
    private final BodyRules rules;
    private final String channelAddress;

    TokenResources(EnhancedChatSettings settings, AccessTokens tokens, EventBook events, BodyRules rules, String channelAddress) {
        this.settings = settings;
        this.tokens = tokens;
        this.events = events;
        this.rules = rules;
        this.channelAddress = channelAddress;
    }

    /** {@code POST authorization/unauthenticated/access-token}. */
    void guest(ApiCall call) {
        JsonNode b = rules.object(call.body(), "the access-token request");
        rules.known(b, "the access-token request", GUEST_FIELDS);
        String caps = deployment(b);
        AccessTokens.Issued issued = tokens.guest(settings.orgId(), settings.esDeveloperName(), caps, settings.tokenLifetime());
        call.reply(ApiOutcomes.json(200, tokenResponse(issued, true)));
    }

    /** {@code POST authorization/authenticated/access-token}: the customer's identity JWT names the user ({@code sub}). */
    void verified(ApiCall call) {
        JsonNode b = rules.object(call.body(), "the authenticated access-token request");
        rules.known(b, "the authenticated access-token request", VERIFIED_FIELDS);
        String caps = deployment(b);
        if (!"JWT".equals(BodyRules.text(b, "authorizationType", "the authenticated access-token request"))) {
            throw new BadRequest("Invalid authorizationType: JWT is the only type");
        }
        String sub = subjectOf(BodyRules.text(b, "customerIdentityToken", "the authenticated access-token request"));
        AccessTokens.Issued issued = tokens.verified(sub, settings.orgId(), settings.esDeveloperName(), caps,
                settings.tokenLifetime());
        call.reply(ApiOutcomes.json(200, tokenResponse(issued, true)));
    }

    /** {@code DELETE authorization/authenticated/access-token}: the presented token is revoked. */
    void revoke(ApiCall call) {
        tokens.revoke(call.token().tokenId());
        call.reply(ApiOutcomes.empty(204));
    }

    /** {@code GET authorization/continuation-access-token}: the same subject, a new client identity. */
    void continuation(ApiCall call) {
        AccessToken current = call.token();
        Instant expiresAt = settings.continuationExpiry() == EnhancedChatSettings.ContinuationExpiry.ORIGINAL
                ? current.expiresAt()
                : tokens.now().plus(settings.tokenLifetime());
        call.reply(ApiOutcomes.json(200, tokenResponse(tokens.continuation(current, expiresAt), false)));
    }

    /** Checks org, deployment and platform; returns the declared {@code capabilitiesVersion}. */
    private String deployment(JsonNode b) {
        String where = "the access-token request";
        String org = BodyRules.text(b, "orgId", where);
        if (!OrgIds.sameOrg(org, settings.orgId())) {
            throw new BadRequest("Invalid orgId " + org + ": no such org here (this emulator serves " + settings.orgId()
                    + ", or " + OrgIds.to18(settings.orgId()) + ")");
        }
        String name = BodyRules.text(b, "esDeveloperName", where);
        if (!name.equals(settings.esDeveloperName())) {
            throw new BadRequest("Invalid esDeveloperName " + name + ": no Custom Client deployment of that name (this"
                    + " emulator serves " + settings.esDeveloperName() + ")");
        }
        if (!"API".equalsIgnoreCase(settings.deploymentType())) {
            // the v2 API serves Custom Client ("api") deployments only; the wording is the one an integrator saw
            // (miaw-api.md §1.2, §2.5); the casing of the type is compared loosely, as its value's casing is unconfirmed
            throw new BadRequest("Set the esDeveloperName to a deploymentType that's set to api (" + name + " is of type "
                    + settings.deploymentType() + ")");
        }
        String caps = BodyRules.text(b, "capabilitiesVersion", where);
        String platform = BodyRules.text(b, "platform", where);
        if (!platform.equals("Web") && !platform.equals("Mobile")) {
            throw new BadRequest("Invalid platform " + platform + ": Web or Mobile");
        }
        JsonNode context = b.get("context");
        if (context != null && !context.isNull()) {
            if (!context.isObject()) {
                throw new BadRequest("Invalid field context: an object with appName and clientVersion");
            }
            rules.known(context, "context", CONTEXT_FIELDS);
            String app = context.path("appName").asText("");
            if (!app.isEmpty() && !app.matches("[A-Za-z0-9_.]{1,40}")) {
                throw new BadRequest("Invalid context.appName: letters, digits, '_' and '.', at most 40 characters");
            }
        }
        return caps;
    }

    private ObjectNode tokenResponse(AccessTokens.Issued issued, boolean withContext) {
        ObjectNode o = Json.object();
        o.put("accessToken", issued.jwt());
        // a string, as v2 sends it (miaw-api.md §5.2)
        o.put("lastEventId", Long.toString(events.head()));
        if (withContext) {
            ObjectNode ctx = o.putObject("context");
            ObjectNode endUser = ctx.putObject("endUser");
            endUser.put("appType", "iamessage");
            endUser.put("role", "EndUser");
            endUser.put("subject", issued.token().subject());
            ctx.putObject("configuration").set("embeddedServiceConfig",
                    DeploymentConfig.embeddedServiceConfig(settings, channelAddress, issued.token().verified()));
        }
        return o;
    }

    /** The {@code sub} claim of the customer's identity token (its signature is not checked by the emulator). */
    private static String subjectOf(String identityToken) {
        String[] parts = identityToken.split("\\.");
        if (parts.length < 2) {
            throw new BadRequest("Invalid customerIdentityToken: a signed JWT with a sub claim");
        }
        try {
            JsonNode claims = Json.read(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            String sub = claims.path("sub").asText("");
            if (sub.isBlank()) {
                throw new BadRequest("Invalid customerIdentityToken: its payload has no sub claim");
            }
            return sub;
        } catch (BadRequest e) {
            throw e;
        } catch (Exception e) {
            throw new BadRequest("Invalid customerIdentityToken: a signed JWT with a sub claim");
        }
    }
}
