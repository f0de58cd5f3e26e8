package io.github.camelliveagent.emulator.fault;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The state behind a {@link Faults} handle. One-shot faults are taken atomically so that two concurrent
 * requests never both consume the same fault.
 */
public final class FaultSettings implements Faults {

    /** The longest injected latency: anything longer is a typo, and would overflow or outlive every client. */
    public static final Duration MAX_LATENCY = Duration.ofMinutes(10);

    private final Runnable onHandover;
    private final Runnable onExpire;
    private final Consumer<String> onSwitchServer;
    private final Runnable onDropStream;

    private int failNext;
    private int failNextPost;
    private Long outOfSyncActual;
    private boolean dropNextPoll;
    private boolean duplicateNextEvent;
    private Duration latency = Duration.ZERO;
    private Duration burstWindow = Duration.ZERO;
    private boolean typingOutOfOrder;
    private String switchServerUrl;
    private boolean rateLimits;
    private boolean newSessionRequired;
    private boolean replayGap;

    /**
     * @param onHandover     starts a hand-over on the session(s) this handle covers
     * @param onExpire       expires the session(s) this handle covers
     * @param onSwitchServer extra action for {@link #switchServer(String)} (the URL is stored in any case)
     */
    public FaultSettings(Runnable onHandover, Runnable onExpire, Consumer<String> onSwitchServer) {
        this(onHandover, onExpire, onSwitchServer, () -> { });
    }

    /**
     * @param onHandover     starts a hand-over on the session(s) this handle covers
     * @param onExpire       expires the session(s) / tokens this handle covers
     * @param onSwitchServer extra action for {@link #switchServer(String)} (the URL is stored in any case)
     * @param onDropStream   closes the Enhanced Chat event streams this handle covers
     */
    public FaultSettings(Runnable onHandover, Runnable onExpire, Consumer<String> onSwitchServer, Runnable onDropStream) {
        this.onHandover = onHandover;
        this.onExpire = onExpire;
        this.onSwitchServer = onSwitchServer;
        this.onDropStream = onDropStream;
    }

    @Override
    public void handover() {
        onHandover.run();
    }

    @Override
    public void expire() {
        onExpire.run();
    }

    @Override
    public synchronized void failNext(int status) {
        failNext = checkStatus(status);
    }

    @Override
    public synchronized void failNextPost(int status) {
        failNextPost = checkStatus(status);
        outOfSyncActual = null;
    }

    @Override
    public synchronized void failNextPostOutOfSync(long actual) {
        if (actual < 0) {
            throw new IllegalArgumentException("actual must be a non-negative sequence number: " + actual);
        }
        failNextPost = 0;
        outOfSyncActual = actual;
    }

    @Override
    public void switchServer(String newUrl) {
        Objects.requireNonNull(newUrl, "newUrl");
        synchronized (this) {
            switchServerUrl = newUrl;
        }
        onSwitchServer.accept(newUrl);
    }

    @Override
    public synchronized void latency(Duration delay) {
        if (delay.isNegative() || delay.compareTo(MAX_LATENCY) > 0) {
            throw new IllegalArgumentException("latency must be from 0 to " + MAX_LATENCY.toMillis() + " ms: " + delay);
        }
        latency = delay;
    }

    @Override
    public synchronized void dropNextPoll() {
        dropNextPoll = true;
    }

    @Override
    public synchronized void duplicateNextEvent() {
        duplicateNextEvent = true;
    }

    @Override
    public synchronized void dropBurstMessages(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("burst window must not be negative");
        }
        burstWindow = window;
    }

    @Override
    public synchronized void typingOutOfOrder() {
        typingOutOfOrder = true;
    }

    @Override
    public void dropStream() {
        onDropStream.run();
    }

    @Override
    public synchronized void rateLimits() {
        rateLimits = true;
    }

    @Override
    public synchronized void newSessionRequired() {
        newSessionRequired = true;
    }

    @Override
    public synchronized void replayGap() {
        replayGap = true;
    }

    /** Whether the published rate limits are enforced. */
    public synchronized boolean rateLimited() {
        return rateLimits;
    }

    /** Consumes the new-session-required fault. */
    public synchronized boolean takeNewSessionRequired() {
        boolean r = newSessionRequired;
        newSessionRequired = false;
        return r;
    }

    /** Consumes the replay-gap fault. */
    public synchronized boolean takeReplayGap() {
        boolean r = replayGap;
        replayGap = false;
        return r;
    }

    @Override
    public synchronized void clear() {
        failNext = 0;
        failNextPost = 0;
        outOfSyncActual = null;
        dropNextPoll = false;
        duplicateNextEvent = false;
        latency = Duration.ZERO;
        burstWindow = Duration.ZERO;
        typingOutOfOrder = false;
        switchServerUrl = null;
        rateLimits = false;
        newSessionRequired = false;
        replayGap = false;
    }

    /** Consumes and returns the pending failure status for a call, or 0 when the call should proceed. */
    public synchronized int takeFailure(boolean post) {
        if (failNext != 0) {
            int s = failNext;
            failNext = 0;
            return s;
        }
        if (post && failNextPost != 0) {
            int s = failNextPost;
            failNextPost = 0;
            return s;
        }
        return 0;
    }

    /** Consumes the pending out-of-sync fault: the server's count to adopt, or null when none is pending. */
    public synchronized Long takeOutOfSync() {
        Long a = outOfSyncActual;
        outOfSyncActual = null;
        return a;
    }

    /** Consumes the drop-next-poll fault. */
    public synchronized boolean takeDropPoll() {
        boolean d = dropNextPoll;
        dropNextPoll = false;
        return d;
    }

    /** Consumes the duplicate-next-event fault. */
    public synchronized boolean takeDuplicate() {
        boolean d = duplicateNextEvent;
        duplicateNextEvent = false;
        return d;
    }

    /** The window of the burst fault; zero when off. */
    public synchronized Duration burstWindow() {
        return burstWindow;
    }

    /** Consumes the typing-out-of-order fault. */
    public synchronized boolean takeTypingOutOfOrder() {
        boolean t = typingOutOfOrder;
        typingOutOfOrder = false;
        return t;
    }

    /** The configured extra response delay. */
    public synchronized Duration latency() {
        return latency;
    }

    /** The SwitchServer URL set by {@link #switchServer(String)}, or null. */
    public synchronized String switchServerUrl() {
        return switchServerUrl;
    }

    private static int checkStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return status;
    }
}
