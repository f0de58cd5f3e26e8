package io.github.camelliveagent.component.model.request;


/** Body of {@code POST Chasitor/ChasitorTyping}: always {@code {}}. */
public record ChasitorTyping() implements RequestBody {

    /** The resource noun this body is posted to. */
    public static final String NOUN = "ChasitorTyping";

    @Override
    public String prefix() {
        return "Chasitor";
    }

    @Override
    public String noun() {
        return NOUN;
    }
}
