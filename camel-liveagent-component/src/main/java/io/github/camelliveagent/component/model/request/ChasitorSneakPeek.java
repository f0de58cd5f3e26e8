package io.github.camelliveagent.component.model.request;


/** Body of {@code POST Chasitor/ChasitorSneakPeek}: what the visitor is typing (only if sneak peek is enabled). */
public record ChasitorSneakPeek(Integer position, String text) implements RequestBody {

    /** The resource noun this body is posted to. */
    public static final String NOUN = "ChasitorSneakPeek";

    @Override
    public String prefix() {
        return "Chasitor";
    }

    @Override
    public String noun() {
        return NOUN;
    }
}
