package io.github.camelliveagent.emulator.session;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What the server does with a held Messages poll whose client closed the connection. Whether the real server,
 * behind its proxies, still holds such a poll (so that the client's next poll is a duplicate: 409, chat over) is
 * unconfirmed, so the emulator offers both.
 */
public enum AbandonedPolls {

    /** The slot is freed when the connection closes: the client may poll again at once. */
    RELEASE("release"),

    /**
     * The poll stays held until the server would have answered it (an event or the hold time): a new poll
     * before then is a second concurrent poll, answered 409, and the chat is over.
     */
    HOLD("hold");

    private final String optionValue;

    AbandonedPolls(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The spelling used on the command line. */
    public String optionValue() {
        return optionValue;
    }

    /** Parses {@code release} or {@code hold}; {@link IllegalArgumentException} naming {@code source} otherwise. */
    public static AbandonedPolls parse(String value, String source) {
        for (AbandonedPolls p : values()) {
            if (p.optionValue.equals(value == null ? null : value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("bad value for " + source + ": '" + value + "' (valid: "
                + Arrays.stream(values()).map(AbandonedPolls::optionValue).collect(Collectors.joining(", ")) + ")");
    }
}
