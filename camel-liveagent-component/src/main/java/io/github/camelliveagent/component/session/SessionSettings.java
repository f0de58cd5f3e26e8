package io.github.camelliveagent.component.session;

import io.github.camelliveagent.component.client.ChatServer;

/**
 * The endpoint options a session keeps for its whole life, taken when it is opened.
 *
 * @param server            where the session lives
 * @param organizationId    the org, needed again by ChasitorResyncState
 * @param requestTimeoutMs  response timeout of calls other than the long poll
 * @param maxPollRetries    network failures in a row a poll survives
 * @param pollRetryDelayMs  the first retry delay, doubled per retry
 * @param chasitorIdleTimeout whether to apply the visitor idle time-out the server announces
 */
public record SessionSettings(
        ChatServer server, String organizationId, long requestTimeoutMs,
        int maxPollRetries, long pollRetryDelayMs, boolean chasitorIdleTimeout) {
}
