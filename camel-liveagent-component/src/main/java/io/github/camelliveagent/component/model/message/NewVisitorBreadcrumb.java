package io.github.camelliveagent.component.model.message;


/** The visitor navigated to a new page ({@code location} = URL). */
public record NewVisitorBreadcrumb(String location) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "NewVisitorBreadcrumb";

    @Override
    public String type() {
        return TYPE;
    }
}
