package io.github.camelliveagent.component.model.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A chat button in a Visitor/Settings reply (the {@code invite*} properties of invitation buttons are ignored).
 *
 * @param id                button id
 * @param type              {@code Standard}, {@code Invite} or {@code ToAgent}
 * @param endpointUrl       custom chat window URL
 * @param prechatUrl        pre-chat form URL
 * @param language          button language
 * @param isAvailable       whether a chat can be taken (absent = false; omitted when false on writing)
 * @param estimatedWaitTime seconds (API 47+)
 */
public record SettingsButton(String id, String type, String endpointUrl, String prechatUrl, String language,
        @JsonProperty("isAvailable") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean isAvailable,
        Integer estimatedWaitTime) {
}
