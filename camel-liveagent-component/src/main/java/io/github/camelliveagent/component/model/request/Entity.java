package io.github.camelliveagent.component.model.request;

import java.util.List;

/**
 * A record to find or create from pre-chat details (ChasitorInit {@code prechatEntities}); names are case-sensitive.
 *
 * @param entityName        sObject, e.g. {@code Contact}, {@code Case}
 * @param showOnCreate      open the record for the agent when created
 * @param linkToEntityName  sObject to link to
 * @param linkToEntityField field of the linked sObject
 * @param saveToTranscript  transcript lookup field, e.g. {@code ContactId}
 * @param entityFieldsMaps  how pre-chat details map to fields (wire name with plural "Fields")
 */
public record Entity(String entityName, Boolean showOnCreate, String linkToEntityName, String linkToEntityField,
        String saveToTranscript, List<EntityFieldsMap> entityFieldsMaps) {
}
