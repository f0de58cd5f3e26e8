package io.github.camelliveagent.component.model.message;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;

/** Reply of Visitor/Settings: visitor ping rate (wire {@code pingRate}, also read as {@code pingrate}), content server and buttons. */
public record Settings(@JsonAlias("pingrate") Double pingRate, String contentServerUrl, List<SettingsButton> buttons) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "Settings";

    @Override
    public String type() {
        return TYPE;
    }
}
