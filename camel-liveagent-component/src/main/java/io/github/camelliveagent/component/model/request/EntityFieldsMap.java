package io.github.camelliveagent.component.model.request;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Maps a pre-chat detail (by {@code label}) to a field of an Entity.
 *
 * @param fieldName    field of the entity
 * @param label        label of a prechatDetails entry
 * @param doFind       use it to search existing records
 * @param isExactMatch search for an exact match
 * @param doCreate     use it when creating a record
 */
public record EntityFieldsMap(String fieldName, String label, Boolean doFind,
        @JsonProperty("isExactMatch") Boolean isExactMatch, Boolean doCreate) {
}
