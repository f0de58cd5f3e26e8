package io.github.camelliveagent.component.model.request;


/** Body of {@code POST Visitor/Breadcrumb}: the visitor's current page URL (the agent sees NewVisitorBreadcrumb). */
public record Breadcrumb(String location) implements RequestBody {

    /** The resource noun this body is posted to. */
    public static final String NOUN = "Breadcrumb";

    @Override
    public String prefix() {
        return "Visitor";
    }

    @Override
    public String noun() {
        return NOUN;
    }
}
