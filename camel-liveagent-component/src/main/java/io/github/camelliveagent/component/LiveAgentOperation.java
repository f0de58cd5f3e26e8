package io.github.camelliveagent.component;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The operations of the liveagent endpoint: the API's visitor resources, plus {@code startChat} (SessionId and
 * ChasitorInit in one step) and {@code messages} (the consumer of System/Messages). Which of them an API lacks is
 * said by {@link LiveAgentApi#refusal}.
 */
public enum LiveAgentOperation {
    startChat,
    sessionId,
    chasitorInit,
    chatMessage,
    chasitorTyping,
    chasitorNotTyping,
    chasitorSneakPeek,
    customEvent,
    multiNoun,
    chatEnd,
    deleteSession,
    availability,
    settings,
    visitorId,
    breadcrumb,
    fileUpload,
    /** Enhanced Chat only: ends the messaging session, the conversation stays open. */
    endSession,
    /** Enhanced Chat only: sends a file (multipart, 5 MB at most) to the conversation. */
    sendFile,
    /** Enhanced Chat only: tells the agent an entry of theirs was delivered. */
    acknowledgeDelivery,
    /** Enhanced Chat only: tells the agent an entry of theirs was read. */
    acknowledgeRead,
    messages;

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
