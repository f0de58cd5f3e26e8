package io.github.camelliveagent.component.model.request;

import java.util.List;

/** Body of {@code POST Chasitor/SensitiveDataRuleTriggered}: which sensitive-data rules fired on the visitor side. */
public record SensitiveDataRuleTriggered(List<Rule> rules) implements RequestBody {

    /** The resource noun this body is posted to. */
    public static final String NOUN = "SensitiveDataRuleTriggered";

    @Override
    public String prefix() {
        return "Chasitor";
    }

    @Override
    public String noun() {
        return NOUN;
    }

    /**
     * One rule that fired.
     *
     * @param id   rule id ({@code 0GO…})
     * @param name rule name
     */
    public record Rule(String id, String name) {
    }
}
