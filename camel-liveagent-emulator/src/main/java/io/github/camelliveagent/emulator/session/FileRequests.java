package io.github.camelliveagent.emulator.session;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One chat's agent file requests: the token of the pending one, how the previous one ended, and the files uploaded.
 * Not thread-safe: its owner, {@link ChatSession}, calls it under its own monitor only.
 */
final class FileRequests {

    private String pendingToken;
    private String closedToken;
    private String closedHow;
    private final List<UploadedFile> uploads = new ArrayList<>();

    /** The agent asks for a file: a new token, replacing any pending request. */
    String request() {
        pendingToken = UUID.randomUUID().toString();
        return pendingToken;
    }

    /** The pending request ends without an upload ({@code Canceled} or {@code Failure}) or with one ({@code Success}). */
    void close(String how) {
        if (pendingToken != null) {
            closedToken = pendingToken;
            closedHow = how;
        }
        pendingToken = null;
    }

    /** Null when {@code fileToken} names the pending request, else the refusal. */
    Outcome refusal(String fileToken) {
        if (pendingToken != null && pendingToken.equals(fileToken)) {
            return null;
        }
        if (closedToken != null && closedToken.equals(fileToken)) {
            return "Canceled".equals(closedHow)
                    ? Outcome.text(409, "Conflict: the agent cancelled this file request")
                    : Outcome.text(409, "Conflict: this file request is finished (" + closedHow + ")");
        }
        return Outcome.text(403, pendingToken == null
                ? "Forbidden: no file request is pending in this chat"
                : "Forbidden: invalid fileToken for this chat's file request");
    }

    /** The upload of the pending request succeeded. */
    void uploaded(UploadedFile file) {
        uploads.add(file);
        close("Success");
    }

    List<UploadedFile> uploads() {
        return List.copyOf(uploads);
    }
}
