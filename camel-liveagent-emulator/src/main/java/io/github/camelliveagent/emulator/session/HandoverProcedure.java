package io.github.camelliveagent.emulator.session;

/**
 * Where a session stands in the 503 hand-over procedure of spec §5.3: 503 for every call until
 * ReconnectSession, then 500 for every POST but ChasitorResyncState, and the new stream (ChasitorSessionData
 * first, then what followed the offset ReconnectSession named) due at the first poll. Not thread-safe: it lives under its {@link ChatSession}'s monitor.
 */
final class HandoverProcedure {

    private enum Phase { NONE, PENDING, AWAITING_RESYNC }

    private Phase phase = Phase.NONE;
    private boolean streamDue;
    private long resumeAfter = -1;

    /** The server hand-over happened: every call answers 503 until ReconnectSession. */
    void start() {
        phase = Phase.PENDING;
    }

    /** Whether a hand-over is under way (the session reports {@link SessionState#HANDOVER}). */
    boolean inProgress() {
        return phase != Phase.NONE;
    }

    /** The refusal of any session call while the hand-over is pending, or null. */
    Outcome refuseCall() {
        return phase == Phase.PENDING
                ? Outcome.text(503, "Service Unavailable: affinity changed, reconnect the session") : null;
    }

    /** ReconnectSession is only possible after a 503 (one integrator saw 405 otherwise, spec §2.1). */
    Outcome refuseReconnect() {
        return phase != Phase.PENDING
                ? Outcome.text(405, "Method Not Allowed: no server hand-over is pending for this session") : null;
    }

    /**
     * ReconnectSession answered: the new stream is due at the next poll, resuming after event {@code resumeAfter},
     * and ChasitorResyncState is awaited.
     */
    void reconnected(long resumeAfter) {
        phase = Phase.AWAITING_RESYNC;
        this.resumeAfter = resumeAfter;
        // the snapshot is taken at the first poll: only that poll's ack tells what the client really has
        streamDue = true;
    }

    /** Once, at the first poll after ReconnectSession: the last event index the client has; else null. */
    Long takeResumePoint() {
        boolean due = streamDue;
        streamDue = false;
        return due ? resumeAfter : null;
    }

    /** POSTs before ChasitorResyncState: 500, or null. */
    Outcome refusePost(String noun) {
        if (phase == Phase.AWAITING_RESYNC && !"ChasitorResyncState".equals(noun)) {
            // 500, not 503: a 503 would send a well-behaved client into another ReconnectSession, which then 405s
            return Outcome.text(500, "Internal Server Error: ChasitorResyncState expected after ReconnectSession");
        }
        return null;
    }

    /** ChasitorResyncState arrived; true when it completed a hand-over (without one it has no effect). */
    boolean resynced() {
        if (phase == Phase.AWAITING_RESYNC) {
            phase = Phase.NONE;
            return true;
        }
        return false;
    }

    /** The session is gone: nothing left to hand over. */
    void abandon() {
        phase = Phase.NONE;
        streamDue = false;
    }
}
