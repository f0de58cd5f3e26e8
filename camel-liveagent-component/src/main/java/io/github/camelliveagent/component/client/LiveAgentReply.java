package io.github.camelliveagent.component.client;

import java.nio.charset.StandardCharsets;

/** The server's answer to one call: its HTTP status and body. */
public record LiveAgentReply(int status, byte[] body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as text, cut to a length fit for an error message. */
    public String bodyExcerpt() {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        return body.length > 300 ? text + "…" : text;
    }

    @Override
    public String toString() {
        return "LiveAgentReply[" + status + "]";
    }
}
