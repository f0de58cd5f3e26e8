package io.github.camelliveagent.component;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog metadata that camel-component-maven-plugin generated from the annotations (liveagent.json) says what
 * tooling and users read: every option labelled, required only where it is, the ids described as they are checked.
 */
class CatalogMetadataTest {

    private static JsonNode catalog() throws Exception {
        try (InputStream in = CatalogMetadataTest.class.getResourceAsStream(
                "/META-INF/io/github/camelliveagent/component/liveagent.json")) {
            assertThat(in).as("generated liveagent.json on the class path").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyOptionIsLabelled() throws Exception {
        JsonNode catalog = catalog();
        List<String> unlabelled = new ArrayList<>();
        int options = 0;
        for (String group : List.of("componentProperties", "properties")) {
            for (Map.Entry<String, JsonNode> option : catalog.get(group).properties()) {
                options++;
                if (option.getValue().path("label").asText().isBlank()) {
                    unlabelled.add(group + "." + option.getKey());
                }
            }
        }
        System.out.println("catalog options: " + options + ", unlabelled: " + unlabelled);
        assertThat(options).isGreaterThan(40);
        assertThat(unlabelled).isEmpty();
    }

    @Test
    void onlyTheOperationIsRequiredAndIdsAreProducerOptions() throws Exception {
        JsonNode catalog = catalog();
        List<String> required = new ArrayList<>();
        for (String group : List.of("componentProperties", "properties")) {
            catalog.get(group).properties().forEach(e -> {
                if (e.getValue().path("required").asBoolean()) {
                    required.add(group + "." + e.getKey());
                }
            });
        }
        // the consumer ignores hostname, so the catalog must not call it required
        assertThat(required).containsExactly("properties.operation");
        for (String id : List.of("hostname", "organizationId", "deploymentId", "buttonId")) {
            assertThat(catalog.get("properties").get(id).get("label").asText()).as(id).isEqualTo("producer");
            assertThat(catalog.get("componentProperties").get(id).get("label").asText()).as(id).isEqualTo("producer");
        }
        assertThat(catalog.get("properties").get("messageTypes").get("label").asText()).isEqualTo("consumer");
        assertThat(catalog.get("properties").get("organizationId").get("description").asText())
                .contains("15 or 18 characters");
        assertThat(catalog.get("componentProperties").get("proxyPort").get("description").asText())
                .contains("required with proxyHost");
    }
}
