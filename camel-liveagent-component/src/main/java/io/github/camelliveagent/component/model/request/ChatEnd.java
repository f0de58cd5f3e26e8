package io.github.camelliveagent.component.model.request;


/** Body of {@code POST Chasitor/ChatEnd}; the body is required, normally {@code {"reason":"client"}}. */
public record ChatEnd(String reason) implements RequestBody {

    /** The resource noun this body is posted to. */
    public static final String NOUN = "ChatEnd";

    @Override
    public String prefix() {
        return "Chasitor";
    }

    @Override
    public String noun() {
        return NOUN;
    }

    /** The reason every client sends. */
    public static final String CLIENT = "client";

    /**
     * @return {@code {"reason":"client"}}
     */
    public static ChatEnd client() {
        return new ChatEnd(CLIENT);
    }
}
