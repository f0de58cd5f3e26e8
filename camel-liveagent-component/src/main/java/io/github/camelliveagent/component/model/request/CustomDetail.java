package io.github.camelliveagent.component.model.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A pre-chat detail of ChasitorInit (also echoed as {@code customDetails} in ChatRequestSuccess).
 *
 * @param label             name of the detail (required; prechatEntities refer to it)
 * @param value             the value
 * @param transcriptFields  LiveChatTranscript fields to store the value in
 * @param displayToAgent    whether the agent sees it
 * @param entityMaps        undocumented; the SDK always sends {@code []}
 * @param entityFieldMaps   undocumented mapping to record fields (used by the guide's example)
 * @param doKnowledgeSearch undocumented; seen in the wild
 */
public record CustomDetail(String label, String value, List<String> transcriptFields, Boolean displayToAgent,
        List<JsonNode> entityMaps, List<EntityFieldMap> entityFieldMaps, Boolean doKnowledgeSearch) {

    /**
     * @param label          the label
     * @param value          the value
     * @param displayToAgent whether the agent sees it
     * @return a detail without transcript fields or maps
     */
    public static CustomDetail of(String label, String value, boolean displayToAgent) {
        return new CustomDetail(label, value, null, displayToAgent, null, null, null);
    }

    /**
     * Undocumented field mapping of a CustomDetail (singular "Field", unlike Entity's {@code entityFieldsMaps}).
     *
     * @param entityName       sObject name
     * @param fieldName        field name
     * @param isFastFillable   fast-fill flag
     * @param isAutoQueryable  auto-query flag
     * @param isExactMatchable exact-match flag
     */
    public record EntityFieldMap(String entityName, String fieldName,
            @JsonProperty("isFastFillable") Boolean isFastFillable,
            @JsonProperty("isAutoQueryable") Boolean isAutoQueryable,
            @JsonProperty("isExactMatchable") Boolean isExactMatchable) {
    }
}
