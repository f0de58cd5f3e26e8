package io.github.camelliveagent.component.model.request;


/** Body of {@code POST Chasitor/ChasitorNotTyping}: always {@code {}}. */
public record ChasitorNotTyping() implements RequestBody {

    /** The resource noun this body is posted to. */
    public static final String NOUN = "ChasitorNotTyping";

    @Override
    public String prefix() {
        return "Chasitor";
    }

    @Override
    public String noun() {
        return NOUN;
    }
}
