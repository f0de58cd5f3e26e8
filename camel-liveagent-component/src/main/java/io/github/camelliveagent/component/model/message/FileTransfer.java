package io.github.camelliveagent.component.model.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The agent requested / cancelled / finished a file upload; {@link #fileTransferType()} is the wire {@code type}: Requested, Canceled, Success or Failure (SDK only, not in the REST guide). */
public record FileTransfer(@JsonProperty("type") String fileTransferType, String uploadServletUrl, String fileToken,
        String cdmServletUrl) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "FileTransfer";

    @Override
    public String type() {
        return TYPE;
    }

    /** Wire value of {@link #fileTransferType()} when the agent asks for a file. */
    public static final String REQUESTED = "Requested";
    /** Wire value of {@link #fileTransferType()} when the agent cancelled the request. */
    public static final String CANCELED = "Canceled";
    /** Wire value of {@link #fileTransferType()} after a successful upload. */
    public static final String SUCCESS = "Success";
    /** Wire value of {@link #fileTransferType()} after a failed upload. */
    public static final String FAILURE = "Failure";
}
