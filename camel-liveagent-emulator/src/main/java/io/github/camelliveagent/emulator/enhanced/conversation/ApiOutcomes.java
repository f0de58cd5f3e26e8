package io.github.camelliveagent.emulator.enhanced.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.session.Json;
import io.github.camelliveagent.emulator.session.Outcome;

/** Enhanced Chat answers: JSON bodies, and errors as {@code {"message","errorCode"}} (miaw-api.md §6). */
public final class ApiOutcomes {

    private ApiOutcomes() {
    }

    /** A status with a JSON body. */
    public static Outcome json(int status, JsonNode body) {
        return new Outcome(status, "application/json", Json.write(body));
    }

    /** A status without body (201/200 create, 204 deletes). */
    public static Outcome empty(int status) {
        return new Outcome(status, null, null);
    }

    /** An error: {@code {"message": …, "errorCode": …}}; the message names what was wrong and what would be valid. */
    public static Outcome error(int status, String message) {
        ObjectNode o = Json.object();
        o.put("message", message);
        o.put("errorCode", code(status));
        return json(status, o);
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 417 -> "EXPECTATION_FAILED";
            case 429 -> "TOO_MANY_REQUESTS";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_SERVER_ERROR" : "ERROR";
        };
    }
}
