package io.github.camelliveagent.component.model.message;

/**
 * Made by the component, not sent by the server: the visitor has been idle for the chat's
 * {@code chasitorIdleTimeout.warningTime} ({@code event} {@code triggered}; the chat ends with
 * {@code clientIdleTimeout} at {@code timeout} unless the visitor becomes active), or became active again after a
 * warning ({@code cleared}). Only with the option {@code chasitorIdleTimeout=true}.
 *
 * @param event       {@code triggered} or {@code cleared}
 * @param warningTime seconds of inactivity that trigger the warning
 * @param timeout     seconds of inactivity that end the chat
 */
public record ChasitorIdleTimeoutWarning(String event, Integer warningTime, Integer timeout) implements LiveAgentMessage {

    /** The type name routes see in CamelLiveAgentMessageType. */
    public static final String TYPE = "ChasitorIdleTimeoutWarning";

    @Override
    public String type() {
        return TYPE;
    }
}
