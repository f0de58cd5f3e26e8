package io.github.camelliveagent.component.enhanced.model;

/**
 * Where one conversation's current messaging session stands, as far as the event mapping needs it to give routes the
 * Live Agent events they expect (ChatEstablished once, then ChatTransferred; one ChatEnded per session). Used by one
 * stream reader at a time.
 */
public final class ChatProgress {

    /** An agent or bot joined in this session. */
    boolean joined;
    /** The server announced a transfer (routing type Transfer) that no agent has taken yet. */
    boolean transferPending;
    /** This session's ChatEnded (or ChatRequestFail) was handed over. */
    boolean ended;
    /** The conversation was closed: nothing more comes. */
    boolean closed;

    /** A new messaging session begins in the same conversation (routing starts again). */
    void newSession() {
        joined = false;
        transferPending = false;
        ended = false;
    }

    /**
     * The component ends the session itself (the agent left and the conversation needs routing again, or the
     * conversation was lost): true when the routes have not had this session's end yet.
     */
    public boolean endLocally() {
        if (ended) {
            return false;
        }
        ended = true;
        return true;
    }

    /** joined, transferPending, ended, closed: what a restarted application needs to go on mapping. */
    public boolean[] save() {
        return new boolean[] { joined, transferPending, ended, closed };
    }

    /** The state {@link #save()} gave. */
    public void restore(boolean[] saved) {
        joined = saved.length > 0 && saved[0];
        transferPending = saved.length > 1 && saved[1];
        ended = saved.length > 2 && saved[2];
        closed = saved.length > 3 && saved[3];
    }

    public boolean isJoined() {
        return joined;
    }

    public boolean isEnded() {
        return ended;
    }

    public boolean isClosed() {
        return closed;
    }
}
