package io.github.camelliveagent.component.model.request;


/** Body of {@code POST Chasitor/ChasitorResyncState}, the last step of 503 recovery (sent without sequence header). */
public record ChasitorResyncState(String organizationId) implements RequestBody {

    /** The resource noun this body is posted to. */
    public static final String NOUN = "ChasitorResyncState";

    @Override
    public String prefix() {
        return "Chasitor";
    }

    @Override
    public String noun() {
        return NOUN;
    }
}
