package io.github.camelliveagent.component.model.message;


/** The org lives on another instance: use {@code newUrl} (e.g. {@code https://<host>/chat}) for this and all later requests. */
public record SwitchServer(String newUrl) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "SwitchServer";

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @return the host (with port, if any) of {@link #newUrl()}, or {@code null} when the URL is absent or unparsable
     */
    public String newHost() {
        if (newUrl == null || newUrl.isBlank()) {
            return null;
        }
        try {
            return java.net.URI.create(newUrl.trim()).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
