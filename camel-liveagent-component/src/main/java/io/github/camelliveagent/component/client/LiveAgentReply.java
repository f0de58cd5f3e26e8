package io.github.camelliveagent.component.client;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

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

    /**
     * The body as text with a secret blanked out, then cut like {@link #bodyExcerpt()}: cleaning before cutting means
     * no half of a secret survives at the cut.
     */
    public String bodyExcerpt(UnaryOperator<String> redaction) {
        if (body == null || body.length == 0) {
            return "";
        }
        // error replies are short; the bound only keeps a huge reply from costing much
        String text = redaction.apply(new String(body, 0, Math.min(body.length, 64 * 1024), StandardCharsets.UTF_8));
        return text.length() > 300 || body.length > 64 * 1024 ? text.substring(0, Math.min(text.length(), 300)) + "…" : text;
    }

    @Override
    public String toString() {
        return "LiveAgentReply[" + status + "]";
    }
}
