package io.github.camelliveagent.emulator.enhanced.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.session.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signs and checks compact JWTs with HS256 under a key made per emulator: a token from another emulator, or one
 * whose payload was edited, does not verify. Only the JDK's {@link Mac} and Jackson are used.
 */
final class JwtCodec {

    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    private static final String HEADER = ENC.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"emulator\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] key = new byte[32];

    JwtCodec() {
        new SecureRandom().nextBytes(key);
    }

    /** The compact token for these claims. */
    String sign(ObjectNode claims) {
        String body = HEADER + "." + ENC.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        return body + "." + ENC.encodeToString(mac(body));
    }

    /** The claims of a token whose signature is ours, or null for anything else (malformed, foreign, edited). */
    JsonNode verify(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(HEADER)) {
            return null;
        }
        try {
            byte[] given = DEC.decode(parts[2]);
            if (!MessageDigest.isEqual(given, mac(parts[0] + "." + parts[1]))) {
                return null;
            }
            JsonNode claims = Json.read(new String(DEC.decode(parts[1]), StandardCharsets.UTF_8));
            return claims.isObject() ? claims : null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
