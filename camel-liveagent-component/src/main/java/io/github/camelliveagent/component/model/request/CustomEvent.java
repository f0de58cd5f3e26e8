package io.github.camelliveagent.component.model.request;


/** Body of {@code POST Chasitor/CustomEvent}: an event name ({@code type}) and a string payload. */
public record CustomEvent(String type, String data) implements RequestBody {

    /** The resource noun this body is posted to. */
    public static final String NOUN = "CustomEvent";

    @Override
    public String prefix() {
        return "Chasitor";
    }

    @Override
    public String noun() {
        return NOUN;
    }
}
