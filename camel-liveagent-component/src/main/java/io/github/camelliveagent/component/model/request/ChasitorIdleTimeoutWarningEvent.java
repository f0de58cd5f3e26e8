package io.github.camelliveagent.component.model.request;


/** Body of {@code POST Chasitor/ChasitorIdleTimeoutWarningEvent} (API 35+): the idle warning was {@code triggered} or {@code cleared}. */
public record ChasitorIdleTimeoutWarningEvent(String idleTimeoutWarningEvent) implements RequestBody {

    /** The resource noun this body is posted to. */
    public static final String NOUN = "ChasitorIdleTimeoutWarningEvent";

    @Override
    public String prefix() {
        return "Chasitor";
    }

    @Override
    public String noun() {
        return NOUN;
    }

    /** The warning was shown to the visitor. */
    public static final String TRIGGERED = "triggered";
    /** The warning was cleared. */
    public static final String CLEARED = "cleared";
}
