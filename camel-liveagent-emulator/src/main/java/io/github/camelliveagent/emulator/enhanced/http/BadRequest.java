package io.github.camelliveagent.emulator.enhanced.http;

/** A request the emulator refuses with 400 (or another 4xx); the message names the field and what would be valid. */
final class BadRequest extends RuntimeException {

    private final int status;

    BadRequest(String message) {
        this(400, message);
    }

    BadRequest(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
