package io.github.camelliveagent.component.model.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Asynchronous success/failure report of an earlier request (SDK only). */
public record AsyncResult(@JsonProperty("isSuccess") Boolean isSuccess, String error) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "AsyncResult";

    @Override
    public String type() {
        return TYPE;
    }
}
