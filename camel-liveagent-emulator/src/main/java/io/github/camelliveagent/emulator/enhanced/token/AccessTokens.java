package io.github.camelliveagent.emulator.enhanced.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.session.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues the emulator's access tokens (signed JWTs) and decides whether a presented one is valid, expired or no token
 * of ours; expiry can be forced early (the {@code expire} fault) and verified users' tokens revoked. The token text
 * is a credential: it is returned to the caller once and never kept, logged or put into an exception message.
 */
public final class AccessTokens {

    /** The answer to a presented token. */
    public enum Verdict {
        /** Ours, unexpired, not revoked. */
        VALID,
        /** Ours, but past its expiry (or expired by a fault). */
        EXPIRED,
        /** Missing, malformed, not signed by this emulator, or revoked. */
        INVALID
    }

    /**
     * A checked token.
     *
     * @param verdict what it is
     * @param token   its record, null when {@link Verdict#INVALID}
     */
    public record Check(Verdict verdict, AccessToken token) {
    }

    /**
     * A newly issued token.
     *
     * @param jwt    the token text, for the response body only
     * @param token  its record
     */
    public record Issued(String jwt, AccessToken token) {
    }

    private static final class State {
        final AccessToken token;
        volatile boolean forcedExpired;
        volatile boolean revoked;

        State(AccessToken token) {
            this.token = token;
        }
    }

    private final JwtCodec codec = new JwtCodec();
    private final Map<String, State> issued = new ConcurrentHashMap<>();
    private final Clock clock;

    /** @param clock the time tokens are issued and checked against */
    public AccessTokens(Clock clock) {
        this.clock = clock;
    }

    /** A guest token for a new anonymous subject. */
    public Issued guest(String orgId, String esDeveloperName, String capabilitiesVersion, Duration lifetime) {
        return issue("v2/iamessage/ANON/" + UUID.randomUUID(), orgId, esDeveloperName, capabilitiesVersion,
                clock.instant().plus(lifetime));
    }

    /** A verified user's token: the same {@code sub} always gives the same subject, so it sees its conversations. */
    public Issued verified(String userSub, String orgId, String esDeveloperName, String capabilitiesVersion,
                           Duration lifetime) {
        return issue("v2/iamessage/AUTH/emulator/uid:" + userSub, orgId, esDeveloperName, capabilitiesVersion,
                clock.instant().plus(lifetime));
    }

    /** A continuation of {@code current}: same subject, new client identity, expiring at {@code expiresAt}. */
    public Issued continuation(AccessToken current, Instant expiresAt) {
        return issue(current.subject(), current.orgId(), current.esDeveloperName(), current.capabilitiesVersion(), expiresAt);
    }

    /** Checks a presented token text (null when there was none). */
    public Check check(String jwt) {
        JsonNode claims = codec.verify(jwt);
        State s = claims == null ? null : issued.get(claims.path("jti").asText(""));
        if (s == null || s.revoked) {
            return new Check(Verdict.INVALID, null);
        }
        return new Check(expired(s) ? Verdict.EXPIRED : Verdict.VALID, s.token);
    }

    /** Whether the token with this id is still valid (an open stream asks this when faults strike). */
    public boolean valid(String tokenId) {
        State s = issued.get(tokenId);
        return s != null && !s.revoked && !expired(s);
    }

    /** Every token issued so far expires now (new ones are not affected). */
    public void expireAll() {
        issued.values().forEach(s -> s.forcedExpired = true);
    }

    /** Every token of this subject issued so far expires now. */
    public void expireSubject(String subject) {
        issued.values().stream().filter(s -> s.token.subject().equals(subject)).forEach(s -> s.forcedExpired = true);
    }

    /** Revokes a token (logout of a verified user); later use is 401. */
    public void revoke(String tokenId) {
        State s = issued.get(tokenId);
        if (s != null) {
            s.revoked = true;
        }
    }

    /** The emulator's clock. */
    public Instant now() {
        return clock.instant();
    }

    private boolean expired(State s) {
        return s.forcedExpired || !clock.instant().isBefore(s.token.expiresAt());
    }

    private Issued issue(String subject, String orgId, String esDeveloperName, String capabilitiesVersion, Instant expiresAt) {
        String tokenId = UUID.randomUUID().toString();
        AccessToken t = new AccessToken(tokenId, subject, UUID.randomUUID().toString(), orgId, esDeveloperName, expiresAt,
                capabilitiesVersion);
        Instant now = clock.instant();
        ObjectNode claims = Json.object();
        claims.put("iss", "liveagent-emulator");
        claims.put("sub", subject);
        claims.put("orgId", orgId);
        claims.put("esDeveloperName", esDeveloperName);
        claims.put("clientId", t.clientId());
        claims.put("capabilitiesVersion", capabilitiesVersion);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", tokenId);
        issued.put(tokenId, new State(t));
        return new Issued(codec.sign(claims), t);
    }
}
