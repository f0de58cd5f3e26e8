package io.github.camelliveagent.component;

import org.apache.camel.spi.Metadata;

/**
 * The exchange headers the liveagent component reads and writes.
 * <p>
 * The session key is deliberately absent: it stays inside the component and never becomes a header.
 */
public final class LiveAgentConstants {

    @Metadata(label = "producer",
              description = "The operation to perform; overrides the operation in the endpoint URI.",
              javaType = "String")
    public static final String OPERATION = "CamelLiveAgentOperation";

    @Metadata(description = "The Live Agent session id (the `id` returned by System/SessionId), or with api=enhancedChat the"
                            + " conversation id. Set by the startChat and sessionId operations and on every consumed event;"
                            + " read by every operation that acts on a session.",
              javaType = "String")
    public static final String SESSION_ID = "CamelLiveAgentSessionId";

    @Metadata(description = "A value of the route's own (a visitor or conversation id) given to startChat or sessionId;"
                            + " every event of that session carries it, so that a route can correlate events that arrive"
                            + " before startChat has returned the session id.",
              javaType = "String")
    public static final String CORRELATION_ID = "CamelLiveAgentCorrelationId";

    @Metadata(label = "producer",
              description = "An idempotency key for a chat call (chatMessage, typing, chatEnd, ...) on a cluster of nodes"
                            + " (high availability): the same key given again, on any node, is sent to the server at most"
                            + " once, and the second call gets the first one's outcome. Set it to the id of the message"
                            + " the route relays, so that a retry after a node died cannot send it twice.",
              javaType = "String")
    public static final String MESSAGE_ID = "CamelLiveAgentMessageId";

    @Metadata(label = "consumer",
              description = "The server message type of the consumed event, e.g. ChatEstablished, ChatMessage, ChatEnded.",
              javaType = "String")
    public static final String MESSAGE_TYPE = "CamelLiveAgentMessageType";

    @Metadata(label = "consumer",
              description = "The position of the consumed event in its session's event stream (0 for the first event)."
                            + " Events are delivered in this order; a redelivered event carries the same number.",
              javaType = "Long")
    public static final String SEQUENCE = "CamelLiveAgentSequence";

    @Metadata(label = "consumer",
              description = "True when this event was handed to the routes before and is delivered again because an"
                            + " earlier exchange for it failed.",
              javaType = "Boolean")
    public static final String REDELIVERED = "CamelLiveAgentRedelivered";

    @Metadata(label = "producer",
              description = "The reason sent with chatEnd; `client` when absent.",
              javaType = "String")
    public static final String CHAT_END_REASON = "CamelLiveAgentChatEndReason";

    @Metadata(label = "producer",
              description = "The `type` of a customEvent; the body is its `data`.",
              javaType = "String")
    public static final String CUSTOM_EVENT_TYPE = "CamelLiveAgentCustomEventType";

    @Metadata(label = "producer",
              description = "The cursor `position` sent with chasitorSneakPeek; the body is the text typed so far. Defaults to 0.",
              javaType = "Integer")
    public static final String SNEAK_PEEK_POSITION = "CamelLiveAgentSneakPeekPosition";

    @Metadata(label = "producer",
              description = "Comma-separated button or agent ids for the availability and settings operations;"
                            + " defaults to the endpoint's buttonId.",
              javaType = "String")
    public static final String BUTTON_IDS = "CamelLiveAgentButtonIds";

    @Metadata(label = "producer",
              description = "The file name sent with fileUpload (the body is the file's bytes); when absent, the"
                            + " CamelFileName header (e.g. from a file consumer) is used.",
              javaType = "String")
    public static final String FILE_NAME = "CamelLiveAgentFileName";

    @Metadata(label = "producer",
              description = "The media type of the file sent with fileUpload, e.g. image/png; when absent, the Content-Type"
                            + " header, else application/octet-stream.",
              javaType = "String")
    public static final String FILE_CONTENT_TYPE = "CamelLiveAgentFileContentType";

    @Metadata(label = "producer",
              description = "The session state after the operation: CREATED, REQUESTED, QUEUED, ACTIVE or ENDED.",
              javaType = "String")
    public static final String SESSION_STATE = "CamelLiveAgentSessionState";

    @Metadata(description = "Enhanced Chat. Consumer: the identifier of the conversation entry the event came from"
                            + " (absent on events the component makes), so that a route can acknowledge an agent's"
                            + " message by passing the exchange on. Producer: the agent's entry that acknowledgeDelivery"
                            + " or acknowledgeRead acknowledges; when absent, the latest agent message the routes have"
                            + " received.",
              javaType = "String")
    public static final String ENTRY_ID = "CamelLiveAgentEntryId";

    private LiveAgentConstants() {
    }
}
