package io.github.camelliveagent.component.model.request;


/** Body of {@code POST Chasitor/ChatMessage}: a visitor chat text. */
public record ChatMessage(String text) implements RequestBody {

    /** The resource noun this body is posted to. */
    public static final String NOUN = "ChatMessage";

    @Override
    public String prefix() {
        return "Chasitor";
    }

    @Override
    public String noun() {
        return NOUN;
    }
}
