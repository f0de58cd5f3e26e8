package io.github.camelliveagent.emulator.session;

import java.time.Duration;

/**
 * The button's "customer time-out" (spec §5.2): announced in ChatEstablished and ChatTransferred as
 * {@code chasitorIdleTimeout {isEnabled: true, warningTime, timeout}} (whole seconds), and enforced: a chat whose visitor
 * did nothing for {@code timeout} (no message, typing, sneak peek, custom event or cleared idle warning) ends with
 * {@code ChatEnded {reason: clientIdleTimeout}}.
 *
 * @param warningTime after this long without visitor activity the client is expected to warn the visitor
 * @param timeout     after this long the server ends the chat
 */
public record VisitorIdleTimeout(Duration warningTime, Duration timeout) {

    public VisitorIdleTimeout {
        if (warningTime == null || timeout == null || warningTime.toSeconds() < 1 || timeout.compareTo(warningTime) <= 0) {
            throw new IllegalArgumentException("visitorIdleTimeout needs whole seconds with 0 < warningTime < timeout"
                    + " (the wire carries seconds): warningTime=" + warningTime + ", timeout=" + timeout);
        }
    }
}
