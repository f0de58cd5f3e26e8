package io.github.camelliveagent.component.session.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts session keys at rest with AES-256-GCM under a key derived (PBKDF2) from a secret the user provides, so that
 * a copied store file or table does not hand out access to the chats.
 */
public final class KeyProtector {

    /** {@code ${NAME}} (not resolved by Camel's property placeholders) or {@code {{NAME}}} left as it was written. */
    private static final Pattern UNRESOLVED_PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}|\\{\\{[^}]*}}");

    private static final byte[] SALT = "camel-liveagent/session-store/v1".getBytes(StandardCharsets.UTF_8);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec aesKey;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secret at least 16 characters, best a long random string from a vault; the same secret must be given
     *               after a restart
     */
    public KeyProtector(String secret) {
        Matcher placeholder = secret == null ? null : UNRESOLVED_PLACEHOLDER.matcher(secret);
        if (placeholder != null && placeholder.find()) {
            // the placeholder text itself is no secret; the real secret never reaches this message
            throw new IllegalArgumentException("Option sessionStoreSecret contains the unresolved placeholder '"
                                               + placeholder.group() + "', which would make that literal text the secret"
                                               + " of every installation. Camel resolves {{env:NAME}} (an environment"
                                               + " variable) and {{sys:NAME}} (a system property), not ${NAME}");
        }
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("A session store secret of at least 16 characters is required to protect"
                                               + " session keys at rest (option sessionStoreSecret)");
        }
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] key = f.generateSecret(new PBEKeySpec(secret.toCharArray(), SALT, 120_000, 256)).getEncoded();
            this.aesKey = new SecretKeySpec(key, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JVM", e);
        }
    }

    /** Encrypts, as base64 of IV then ciphertext with tag. */
    public String protect(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a session key: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decrypts what {@link #protect} produced.
     *
     * @throws IllegalArgumentException when the secret is not the one the value was protected with
     */
    public String reveal(String protectedValue) {
        try {
            byte[] in = Base64.getDecoder().decode(protectedValue);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(c.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("A stored session key cannot be decrypted: the session store secret differs"
                                               + " from the one it was saved with, or the store was altered");
        }
    }
}
