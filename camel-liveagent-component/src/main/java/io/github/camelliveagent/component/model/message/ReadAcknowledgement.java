package io.github.camelliveagent.component.model.message;

/**
 * Enhanced Chat only: the agent read one of the visitor's entries (SSE {@code CONVERSATION_READ_ACKNOWLEDGEMENT},
 * miaw-api.md §4.5/§5.5); Live Agent has no receipts.
 *
 * @param acknowledgedEntryId the identifier of the visitor's entry (the message id the component sent it with)
 * @param timestamp           when it was read, epoch milliseconds, or null
 * @param name                the reader's display name, or null
 */
public record ReadAcknowledgement(String acknowledgedEntryId, Long timestamp, String name) implements LiveAgentMessage {

    /** The type name (the entry type of Enhanced Chat). */
    public static final String TYPE = "ReadAcknowledgement";

    @Override
    public String type() {
        return TYPE;
    }
}
