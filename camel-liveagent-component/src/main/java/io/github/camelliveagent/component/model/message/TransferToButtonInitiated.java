package io.github.camelliveagent.component.model.message;


/** A transfer to another button/queue started; the chat goes back to waiting (SDK only). */
public record TransferToButtonInitiated() implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "TransferToButtonInitiated";

    @Override
    public String type() {
        return TYPE;
    }
}
