package io.github.camelliveagent.component.enhanced.client;

import java.nio.charset.StandardCharsets;

/**
 * A reply of the Enhanced Chat REST API.
 *
 * @param status       the HTTP status
 * @param body         the body (empty, never null)
 * @param retryAfterMs the Retry-After header in milliseconds, or -1 when the server sent none
 */
public record HttpReply(int status, byte[] body, long retryAfterMs) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The start of the body as text, for error messages (tokens never appear in error bodies). */
    public String bodyExcerpt() {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
