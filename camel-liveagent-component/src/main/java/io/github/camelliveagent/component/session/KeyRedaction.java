package io.github.camelliveagent.component.session;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks a session key out of text that quotes someone else (a server's error reply), in every form the key can take
 * there: as is, percent-encoded (it is a path segment of {@code DELETE System/SessionId/{key}}, and may be echoed from
 * a URL, once or twice encoded) and JSON-escaped ({@code \/}, {@code \u0021}). A key has the shape
 * {@code <uuid>!<epoch ms>!<base64>} (liveagent-api.md §2.1), so {@code !}, {@code +}, {@code /} and {@code =} are
 * exactly the characters those encodings change.
 * <p>
 * Long parts of the key ({@code !}-separated, 16 characters or more) are secret on their own and blanked too, except
 * the session id: some servers begin the key with it, and the id is not secret.
 */
public final class KeyRedaction {

    /** What a key is replaced by. */
    public static final String MASK = "***";

    /** A part of the key this long identifies it on its own. */
    static final int SECRET_PART_LENGTH = 16;

    private KeyRedaction() {
    }

    /**
     * @param  text      what to clean, may be null
     * @param  key       the session key
     * @param  sessionId the session id, which stays visible even when the key begins with it; may be null
     * @return           the text with every form of the key and of its long parts replaced by {@link #MASK}
     */
    public static String redact(String text, String key, String sessionId) {
        if (text == null || text.isEmpty() || key == null || key.isEmpty()) {
            return text;
        }
        return pattern(key, sessionId).matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
    }

    /** Every form of the key first (longest match), then every form of its long parts. */
    static Pattern pattern(String key, String sessionId) {
        List<String> alternatives = new ArrayList<>();
        alternatives.add(anyForm(key));
        for (String part : key.split("!")) {
            if (part.length() >= SECRET_PART_LENGTH && !part.equals(sessionId)) {
                alternatives.add(anyForm(part));
            }
        }
        return Pattern.compile(String.join("|", alternatives));
    }

    /** A regular expression matching the text with each character as is, percent-encoded or JSON-escaped. */
    private static String anyForm(String secret) {
        StringBuilder re = new StringBuilder("(?:");
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            String hex2 = String.format("%02X", (int) c);
            re.append("(?:").append(Pattern.quote(String.valueOf(c)));
            if (c < 0x80) {
                // %21, %2521 (encoded twice); hex digits in either case
                re.append("|%(?:25)?(?i:").append(hex2).append(')');
            }
            re.append("|\\\\u(?i:").append(String.format("%04X", (int) c)).append(')');
            if (c == '/') {
                re.append("|\\\\/");
            }
            re.append(')');
        }
        return re.append(')').toString();
    }
}
