package io.github.camelliveagent.component.model.message;

/**
 * A sensitive-data rule to apply to outgoing visitor text (ChatRequestSuccess, SensitiveDataRules).
 *
 * @param id          rule id ({@code 0GO…})
 * @param name        rule name
 * @param pattern     regular expression to look for
 * @param replacement replacement text
 * @param actionType  what to do, e.g. {@code Replace}
 */
public record SensitiveDataRule(String id, String name, String pattern, String replacement, String actionType) {
}
