package io.github.camelliveagent.emulator.session;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What the {@code sequence} of a Messages reply counts. The guide does not say (spec §3.2, §10 question 2), so
 * the emulator offers both readings and a client can be tested under each.
 */
public enum SequenceModel {

    /**
     * {@code sequence} is the index of the reply's last event in the session's event stream (0-based); the
     * reading every observed sample fits. A client may acknowledge any event index, even one inside a reply.
     */
    EVENT_INDEX("event-index"),

    /**
     * {@code sequence} counts replies: the reply after {@code ack=n} has {@code sequence} n+1, however many
     * events it holds. An ack names a whole reply, so a client can only acknowledge at reply boundaries.
     */
    REPLY_COUNTER("reply-counter");

    /** The system property that gives the default when a builder does not set a model. */
    public static final String PROPERTY = "liveagent.emulator.sequenceModel";

    private final String optionValue;

    SequenceModel(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The spelling used on the command line and in the system property. */
    public String optionValue() {
        return optionValue;
    }

    /** Parses {@code event-index} or {@code reply-counter}; {@link IllegalArgumentException} naming {@code source} otherwise. */
    public static SequenceModel parse(String value, String source) {
        for (SequenceModel m : values()) {
            if (m.optionValue.equals(value == null ? null : value.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("bad value for " + source + ": '" + value + "' (valid: " + validValues() + ")");
    }

    /** The model named by the system property {@value #PROPERTY}, or {@link #EVENT_INDEX} when it is not set. */
    public static SequenceModel fromSystemProperty() {
        String v = System.getProperty(PROPERTY);
        return v == null || v.isBlank() ? EVENT_INDEX : parse(v, "system property " + PROPERTY);
    }

    /** {@code event-index, reply-counter}. */
    public static String validValues() {
        return Arrays.stream(values()).map(SequenceModel::optionValue).collect(Collectors.joining(", "));
    }
}
