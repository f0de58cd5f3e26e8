package io.github.camelliveagent.component.enhanced.client;

/**
 * An Enhanced Chat call or operation failed: the server refused it, the conversation is over or unknown, or the
 * connection could not be kept. Messages name the operation, the conversation and the HTTP status; never a token.
 * The component turns it into its LiveAgentException for routes.
 */
public class EnhancedChatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String conversationId;
    private final int statusCode;

    public EnhancedChatException(String operation, String conversationId, int statusCode, String message) {
        this(operation, conversationId, statusCode, message, null);
    }

    public EnhancedChatException(String operation, String conversationId, int statusCode, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.conversationId = conversationId;
        this.statusCode = statusCode;
    }

    public String getOperation() {
        return operation;
    }

    public String getConversationId() {
        return conversationId;
    }

    /** The HTTP status the server answered, or 0 when there was none. */
    public int getStatusCode() {
        return statusCode;
    }
}
