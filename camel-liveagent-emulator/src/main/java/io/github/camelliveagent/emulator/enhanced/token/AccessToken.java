package io.github.camelliveagent.emulator.enhanced.token;

import java.time.Instant;

/**
 * What the emulator knows about one access token it issued (never the token text itself).
 *
 * @param tokenId         the {@code jti} claim
 * @param subject         the end user: {@code v2/iamessage/ANON/<uuid>} or {@code v2/iamessage/AUTH/emulator/uid:<sub>}
 * @param clientId        the client identity; a continuation token is a new client of the same subject
 * @param orgId           the 15-character org id
 * @param esDeveloperName the deployment the token was minted for
 * @param expiresAt       when it stops being accepted
 * @param capabilitiesVersion the client's declared feature level
 */
public record AccessToken(String tokenId, String subject, String clientId, String orgId, String esDeveloperName,
                          Instant expiresAt, String capabilitiesVersion) {

    /** Whether this subject is a verified user. */
    public boolean verified() {
        return subject.contains("/AUTH/");
    }
}
