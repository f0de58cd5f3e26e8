package io.github.camelliveagent.component.session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.camelliveagent.component.client.LiveAgentReply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session key quoted by a server is blanked out in every form it can take in an error text: as is, percent-encoded
 * (once or twice, either hex case), JSON-escaped. Keys have the real shape {@code <session id>!<epoch ms>!<random>},
 * with the characters encodings change ({@code ! + / =}).
 */
class KeyRedactionTest {

    private static final String ID = "5a2f1c3e-8d4b-4f6a-9e7c-0b1d2e3f4a5b";
    // the random part is standard base64: '+', '/' and '=' occur, as they do in real keys
    private static final String KEY = ID + "!1764252000123!q+Zr/9Xw0kLmNoPqRsTuVw==";
    private static final String RANDOM = "q+Zr/9Xw0kLmNoPqRsTuVw==";

    private static String redact(String text) {
        return KeyRedaction.redact(text, KEY, ID);
    }

    private static String urlEncoded(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void theKeyAsIs() {
        assertThat(redact("Invalid session key " + KEY + ".")).isEqualTo("Invalid session key ***.");
    }

    @Test
    void theKeyPercentEncoded() {
        String encoded = urlEncoded(KEY);
        assertThat(encoded).contains("%21", "%2B", "%2F", "%3D");
        assertThat(redact("No session at /chat/rest/System/SessionId/" + encoded + " here"))
                .isEqualTo("No session at /chat/rest/System/SessionId/*** here");
        String lowerHex = java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(encoded)
                .replaceAll(m -> m.group().toLowerCase());
        assertThat(redact("lower-case hex " + lowerHex))
                .isEqualTo("lower-case hex ***");
        assertThat(redact("encoded twice " + urlEncoded(encoded))).isEqualTo("encoded twice ***");
        // only the slash encoded, the rest as is (what the protocol notes suggest as the least a client does)
        assertThat(redact("partly " + KEY.replace("/", "%2F"))).isEqualTo("partly ***");
    }

    @Test
    void theKeyJsonEscaped() {
        String jackson = new String(JsonStringEncoder.getInstance().quoteAsString(KEY));
        String slashEscaped = KEY.replace("/", "\\/");
        String unicodeEscaped = KEY.replace("!", "\\u0021").replace("+", "\\u002b").replace("=", "\\u003D");
        assertThat(redact("{\"error\":\"bad key " + jackson + "\"}")).isEqualTo("{\"error\":\"bad key ***\"}");
        assertThat(redact("{\"key\":\"" + slashEscaped + "\"}")).isEqualTo("{\"key\":\"***\"}");
        assertThat(redact("{\"key\":\"" + unicodeEscaped + "\"}")).isEqualTo("{\"key\":\"***\"}");
    }

    @Test
    void theRandomPartAloneButNotTheSessionId() {
        assertThat(redact("session " + ID + " token " + RANDOM + " / " + urlEncoded(RANDOM)))
                .isEqualTo("session " + ID + " token *** / ***");
    }

    @Test
    void aKeyWhoseFirstPartIsNotTheIdHidesThatPartToo() {
        String key = "0f9e8d7c-6b5a-4321-8fed-cba987654321!1764252000123!AbCdEfGhIjKlMnOp+/==";
        assertThat(KeyRedaction.redact("first part 0f9e8d7c-6b5a-4321-8fed-cba987654321", key, ID))
                .isEqualTo("first part ***");
    }

    @Test
    void textWithoutTheKeyIsUnchanged() {
        assertThat(redact("Out of sync Ack. Expected 4. Actual 3")).isEqualTo("Out of sync Ack. Expected 4. Actual 3");
        assertThat(redact(null)).isNull();
        assertThat(redact("")).isEmpty();
    }

    @Test
    void anExcerptIsCleanedBeforeItIsCut() {
        // the key straddles the 300-character cut: cutting first would leave its beginning in the text
        String body = "x".repeat(280) + " " + urlEncoded(KEY) + " trailing";
        String excerpt = new LiveAgentReply(500, body.getBytes(StandardCharsets.UTF_8)).bodyExcerpt(s -> redact(s));
        assertThat(excerpt).contains("***").doesNotContain(ID.substring(0, 8)).doesNotContain("%21");
    }
}
