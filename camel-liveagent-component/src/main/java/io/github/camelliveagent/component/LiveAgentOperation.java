package io.github.camelliveagent.component;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The operations of the liveagent endpoint: the API's visitor resources, plus {@code startChat} (SessionId and
 * ChasitorInit in one step) and {@code messages} (the consumer of System/Messages).
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
