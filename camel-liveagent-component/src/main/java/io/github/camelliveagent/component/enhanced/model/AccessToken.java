package io.github.camelliveagent.component.enhanced.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An Enhanced Chat access token (a JWT the component treats as opaque, miaw-api.md §2.1) with what the component reads
 * from it: the expiry, to renew it in time. {@link #toString()} never shows the token.
 *
 * @param jwt         the bearer token
 * @param lastEventId the stream position the server named with it (where the event stream starts), or null
 * @param expiresAtMs the token's {@code exp} claim in epoch milliseconds, or 0 when it carries none readable
 * @param issuedAtMs  when the component received it
 */
public record AccessToken(String jwt, String lastEventId, long expiresAtMs, long issuedAtMs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A token as received, its expiry read from the JWT payload's standard {@code exp} claim when there is one. */
    public static AccessToken of(String jwt, String lastEventId, long nowMs) {
        return new AccessToken(jwt, lastEventId, expiry(jwt), nowMs);
    }

    /** The {@code exp} claim (seconds since the epoch) in milliseconds; 0 when the token is not a readable JWT. */
    static long expiry(String jwt) {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
        if (parts.length < 2) {
            return 0;
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode exp = claims.path("exp");
            return exp.canConvertToLong() ? exp.asLong() * 1000L : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * When to renew: at four fifths of the token's life, and at least a minute before it expires when it lives longer
     * than five minutes; -1 when the expiry is unknown (then only a 401 renews it).
     */
    public long renewAtMs() {
        if (expiresAtMs <= 0) {
            return -1;
        }
        long life = expiresAtMs - issuedAtMs;
        long atFourFifths = issuedAtMs + life * 4 / 5;
        return life > 5 * 60_000L ? Math.min(atFourFifths, expiresAtMs - 60_000L) : atFourFifths;
    }

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAtMs + ", lastEventId=" + lastEventId + "]";
    }
}
