package io.github.camelliveagent.emulator.session;

import java.time.Instant;

/**
 * One Messages poll as the server received it: when, and from which client connection ({@code host:port} as the
 * server saw it, so two polls over one kept-alive connection name the same client; {@code unknown} when the HTTP
 * layer could not tell). High-availability tests read these to see when another node took a chat over.
 */
public record PollRecord(Instant at, String client) {
}
