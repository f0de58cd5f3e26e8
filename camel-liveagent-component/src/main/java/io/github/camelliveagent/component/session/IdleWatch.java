package io.github.camelliveagent.component.session;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.camelliveagent.component.model.LiveAgentJson;
import io.github.camelliveagent.component.model.message.ChasitorIdleTimeoutWarning;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.request.ChasitorIdleTimeoutWarningEvent;
import io.github.camelliveagent.component.model.request.ChatEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visitor idle time-out of a chat whose ChatEstablished (or ChatTransferred) enabled it: after
 * {@code warningTime} seconds without visitor activity, tells the server (ChasitorIdleTimeoutWarningEvent
 * {@code triggered}) and the routes (a {@link ChasitorIdleTimeoutWarning}); activity after that clears the warning;
 * after {@code timeout} seconds the chat ends with reason {@code clientIdleTimeout}, as Salesforce's own clients do.
 * <p>
 * Activity only moves a timestamp: the one timer task reschedules itself, so a busy chat costs no timer churn.
 */
final class IdleWatch {

    private static final Logger LOG = LoggerFactory.getLogger(IdleWatch.class);
    static final String REASON = "clientIdleTimeout";

    private final ChatSession session;
    private final Timer timer;
    private final Consumer<LiveAgentMessage> localEvents;
    private int warningSeconds;
    private int timeoutSeconds;
    private long lastActivityNanos;
    private boolean warned;
    private boolean armed;
    private boolean ended;

    IdleWatch(ChatSession session, Timer timer, Consumer<LiveAgentMessage> localEvents) {
        this.session = session;
        this.timer = timer;
        this.localEvents = localEvents;
    }

    /** The chat's idle settings arrived (or changed with a transfer). */
    void configure(int warningSeconds, int timeoutSeconds) {
        boolean arm;
        synchronized (this) {
            this.warningSeconds = warningSeconds;
            this.timeoutSeconds = Math.max(timeoutSeconds, warningSeconds);
            this.lastActivityNanos = System.nanoTime();
            arm = !armed;
            armed = true;
        }
        if (arm) {
            schedule(warningSeconds * 1000L);
        }
    }

    /** The visitor did something (a message, typing, a sneak peek, a custom event). */
    void activity() {
        boolean clear;
        int warning;
        int timeout;
        synchronized (this) {
            lastActivityNanos = System.nanoTime();
            clear = warned;
            warned = false;
            warning = warningSeconds;
            timeout = timeoutSeconds;
        }
        if (clear) {
            post(ChasitorIdleTimeoutWarningEvent.CLEARED);
            localEvents.accept(new ChasitorIdleTimeoutWarning(ChasitorIdleTimeoutWarningEvent.CLEARED, warning, timeout));
        }
    }

    synchronized void stop() {
        ended = true;
    }

    private void schedule(long delayMs) {
        timer.schedule(this::check, Math.max(1, delayMs));
    }

    private void check() {
        boolean sessionOver = session.state().isEnded();
        boolean warn = false;
        boolean end = false;
        long next = -1;
        int warning;
        int timeout;
        synchronized (this) {
            if (ended || sessionOver) {
                return;
            }
            warning = warningSeconds;
            timeout = timeoutSeconds;
            long idleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivityNanos);
            if (idleMs >= timeoutSeconds * 1000L) {
                end = true;
                ended = true;
            } else if (idleMs >= warningSeconds * 1000L) {
                warn = !warned;
                warned = true;
                next = timeoutSeconds * 1000L - idleMs;
            } else {
                next = warningSeconds * 1000L - idleMs;
            }
        }
        if (next >= 0) {
            schedule(next);
        }
        if (warn) {
            LOG.debug("Session {}: visitor idle for {} s; warning", session.id(), warning);
            post(ChasitorIdleTimeoutWarningEvent.TRIGGERED);
            localEvents.accept(new ChasitorIdleTimeoutWarning(ChasitorIdleTimeoutWarningEvent.TRIGGERED, warning, timeout));
        }
        if (end) {
            LOG.info("Session {}: visitor idle for {} s; ending the chat ({})", session.id(), timeout, REASON);
            session.outbox().submit("chatEnd", "POST", "Chasitor/ChatEnd", LiveAgentJson.write(new ChatEnd(REASON)), true,
                    false, 0).exceptionally(e -> {
                        LOG.warn("Session {}: ending the idle chat failed: {}", session.id(), e.getMessage());
                        return null;
                    });
        }
    }

    private void post(String event) {
        session.outbox().submit("chasitorIdleTimeoutWarningEvent", "POST", "Chasitor/ChasitorIdleTimeoutWarningEvent",
                LiveAgentJson.write(new ChasitorIdleTimeoutWarningEvent(event)), true, false, 0)
                .exceptionally(e -> {
                    LOG.debug("Session {}: ChasitorIdleTimeoutWarningEvent {} failed: {}", session.id(), event, e.getMessage());
                    return null;
                });
    }
}
