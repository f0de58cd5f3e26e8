package io.github.camelliveagent.component.model.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Visitor-inactivity settings of the chat (API 35+; ChatEstablished, ChatTransferred).
 *
 * @param isEnabled   whether the idle time-out is active
 * @param warningTime seconds of visitor inactivity before the warning
 * @param timeout     seconds of visitor inactivity before the chat ends ({@code clientIdleTimeout})
 */
public record ChasitorIdleTimeout(@JsonProperty("isEnabled") Boolean isEnabled, Integer warningTime,
        Integer timeout) {
}
