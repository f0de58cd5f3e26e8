package io.github.camelliveagent.component.model.message;

/**
 * Enhanced Chat only: the agent's side received one of the visitor's entries (SSE
 * {@code CONVERSATION_DELIVERY_ACKNOWLEDGEMENT}, miaw-api.md §4.5/§5.5); Live Agent has no receipts.
 *
 * @param acknowledgedEntryId the identifier of the visitor's entry (the message id the component sent it with)
 * @param timestamp           when it was acknowledged, epoch milliseconds, or null
 * @param name                the acknowledging participant's display name, or null
 */
public record DeliveryAcknowledgement(String acknowledgedEntryId, Long timestamp, String name) implements LiveAgentMessage {

    /** The type name (the entry type of Enhanced Chat). */
    public static final String TYPE = "DeliveryAcknowledgement";

    @Override
    public String type() {
        return TYPE;
    }
}
