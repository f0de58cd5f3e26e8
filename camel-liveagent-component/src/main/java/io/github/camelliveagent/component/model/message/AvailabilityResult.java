package io.github.camelliveagent.component.model.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Availability of one button or agent in a Visitor/Availability reply.
 *
 * @param id                the button/agent id
 * @param isAvailable       whether a chat can be taken; the server omits the field when false, and so does writing
 * @param estimatedWaitTime seconds (API 47+, only with {@code needEstimatedWaitTime=1}; -1 = unknown)
 */
public record AvailabilityResult(String id,
        @JsonProperty("isAvailable") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean isAvailable,
        Integer estimatedWaitTime) {
}
