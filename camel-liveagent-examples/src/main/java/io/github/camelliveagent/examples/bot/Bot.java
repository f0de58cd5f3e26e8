package io.github.camelliveagent.examples.bot;

import java.util.regex.Pattern;

/** A small rule-based bot: a few keyword rules, and it knows when a visitor wants a person. */
public class Bot {

    public static final String NAME = "Acme bot";

    private static final Pattern WANTS_PERSON = Pattern.compile(
            "\\b(agent|human|person|someone|somebody|representative|operator)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern GOODBYE = Pattern.compile(
            "^\\W*(bye|goodbye|bye bye|end chat|quit)\\W*$", Pattern.CASE_INSENSITIVE);

    /** True when the visitor asks for a person rather than the bot. */
    public boolean wantsPerson(String text) {
        return text != null && WANTS_PERSON.matcher(text).find();
    }

    /** True when the visitor's message only says goodbye, which ends a chat with an agent. */
    public boolean isGoodbye(String text) {
        return text != null && GOODBYE.matcher(text).matches();
    }

    /** The bot's answer to a visitor's message. */
    public String answer(String text) {
        String t = text == null ? "" : text.toLowerCase();
        if (t.matches(".*\\b(open|opening|hours|closed)\\b.*")) {
            return "We are open Monday to Friday, 9:00 to 17:00.";
        }
        if (t.matches(".*\\b(ship|shipping|ships|deliver|delivery|parcel|package|order)\\b.*")) {
            return "Orders placed before 15:00 on a working day leave our warehouse the same day;"
                   + " delivery takes one to three days.";
        }
        if (t.matches(".*\\b(hi|hello|hey)\\b.*")) {
            return "Hello! I can tell you our opening hours or how shipping works."
                   + " Ask for an agent at any time to talk to a person.";
        }
        return "Sorry, I did not get that. Ask me about opening hours or shipping, or ask for an agent.";
    }
}
