package io.github.camelliveagent.component;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The operations of the liveagent endpoint: the API's visitor resources, plus {@code startChat} (SessionId and
 * ChasitorInit in one step) and {@code messages} (the consumer of System/Messages).
 */
public enum LiveAgentOperation {
    startChat(Kind.SESSION_CREATE),
    sessionId(Kind.SESSION_CREATE),
    chasitorInit(Kind.SESSION_POST),
    chatMessage(Kind.CHAT_ACTIVITY),
    chasitorTyping(Kind.CHAT_ACTIVITY),
    chasitorNotTyping(Kind.CHAT_ACTIVITY),
    chasitorSneakPeek(Kind.CHAT_ACTIVITY),
    customEvent(Kind.CHAT_ACTIVITY),
    multiNoun(Kind.CHAT_ACTIVITY),
    chatEnd(Kind.SESSION_POST),
    deleteSession(Kind.SESSION_POST),
    availability(Kind.VISITOR),
    settings(Kind.VISITOR),
    visitorId(Kind.VISITOR),
    breadcrumb(Kind.VISITOR),
    fileUpload(Kind.FILE_UPLOAD),
    messages(Kind.CONSUMER);

    /** What an operation needs from the session, which decides how the producer runs it. */
    public enum Kind {
        /** creates a new session */
        SESSION_CREATE,
        /** a POST on an existing session that the server accepts before the chat is established */
        SESSION_POST,
        /** chat activity: the server answers 500 before ChatEstablished, so it waits for it */
        CHAT_ACTIVITY,
        /** a Visitor resource that needs no session */
        VISITOR,
        /** the upload of a file the agent requested, to the URL its FileTransfer named (not a Chat REST call) */
        FILE_UPLOAD,
        /** only for the consumer */
        CONSUMER
    }

    private final Kind kind;

    LiveAgentOperation(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Parses an operation name, with an error that lists the valid ones.
     *
     * @param  where                    where the name came from, for the error message (a header or the URI)
     * @throws IllegalArgumentException naming the invalid value and the valid ones
     */
    public static LiveAgentOperation parse(String name, String where) {
        if (name != null) {
            for (LiveAgentOperation op : values()) {
                if (op.name().equals(name.trim())) {
                    return op;
                }
            }
        }
        throw new IllegalArgumentException(
                "Unknown liveagent operation '" + name + "' in " + where + "; valid operations are: " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
