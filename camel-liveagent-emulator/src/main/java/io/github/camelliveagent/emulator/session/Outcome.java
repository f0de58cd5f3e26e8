package io.github.camelliveagent.emulator.session;

/**
 * What an HTTP call should be answered with, decided by the protocol logic without knowing about HTTP servers.
 *
 * @param status      HTTP status
 * @param contentType media type of {@code body}, null when there is no body
 * @param body        response body, null for none
 */
public record Outcome(int status, String contentType, String body) {

    /** The acknowledgement of a successful POST: 200 with body {@code OK} (spec §2). */
    public static Outcome ok() {
        return new Outcome(200, "text/plain", "OK");
    }

    /** 200 with a JSON body. */
    public static Outcome json(String json) {
        return new Outcome(200, "application/json", json);
    }

    /** An error (or other) status with a short plain-text explanation. */
    public static Outcome text(int status, String message) {
        return new Outcome(status, "text/plain", message);
    }

    /** 204 without body: a long poll that saw no event. */
    public static Outcome noContent() {
        return new Outcome(204, null, null);
    }
}
