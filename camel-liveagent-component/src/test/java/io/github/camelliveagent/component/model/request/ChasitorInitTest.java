package io.github.camelliveagent.component.model.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.camelliveagent.component.model.LiveAgentJson;
import io.github.camelliveagent.component.model.LiveAgentJsonException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building, completing and converting the ChasitorInit body. */
class ChasitorInitTest {

    static ChasitorInit full() {
        return ChasitorInit.builder()
                .organizationId("00D000000000001").deploymentId("572000000000001").buttonId("573000000000001")
                .agentId("005000000000001").doFallback(true)
                .sessionId("ec550263-354e-477c-b773-7747ed1da8f9")
                .userAgent("camel-liveagent/0.1").language("en-US").screenResolution("1920x1080")
                .visitorName("Jane Doe")
                .addPrechatDetail(new CustomDetail("LastName", "Doe", List.of("LastName__c"), true, List.of(),
                        List.of(new CustomDetail.EntityFieldMap("Contact", "LastName", false, true, true)), null))
                .addPrechatDetail(new CustomDetail("E-Mail", "jane@example.com", List.of("Email__c"), true, null,
                        null, null))
                .addPrechatEntity(new Entity("Contact", true, "Case", "ContactId", "ContactId", List.of(
                        new EntityFieldsMap("LastName", "LastName", true, true, true),
                        new EntityFieldsMap("Email", "E-Mail", true, true, true))))
                .buttonOverrides("005000000000001_573000000000001", "573000000000002")
                .receiveQueueUpdates(true).isPost(true)
                .build();
    }

    static ChasitorInit minimal() {
        return ChasitorInit.builder()
                .organizationId("00D000000000001").deploymentId("572000000000001").buttonId("573000000000001")
                .sessionId("ec550263-354e-477c-b773-7747ed1da8f9").visitorName("Visitor")
                .receiveQueueUpdates(true).isPost(true).build();
    }

    private static ChasitorInit defaults() {
        return ChasitorInit.builder()
                .organizationId("00D000000000001").deploymentId("572000000000001").buttonId("573000000000001")
                .userAgent("camel").language("en-US").screenResolution("n/a").visitorName("Visitor")
                .addPrechatDetail(CustomDetail.of("Source", "camel", false))
                .receiveQueueUpdates(true).isPost(true).build();
    }

    @Test
    void emptyPrechatListsAreWrittenAsEmptyArraysAndEmptyOverridesAreOmitted() {
        String json = LiveAgentJson.writeString(new ChasitorInit(null, null, null, null, null, "s", null, null, null,
                null, null, null, null, null, null));
        assertThat(json).isEqualTo("{\"sessionId\":\"s\",\"prechatDetails\":[],\"prechatEntities\":[]}");
    }

    @Test
    void nullListsBecomeEmptyLists() {
        ChasitorInit init = ChasitorInit.builder().build();
        assertThat(init.prechatDetails()).isEmpty();
        assertThat(init.prechatEntities()).isEmpty();
        assertThat(init.buttonOverrides()).isEmpty();
    }

    @Test
    void mergeDefaultsFillsOnlyWhatIsNotSet() {
        ChasitorInit fromRoute = ChasitorInit.builder().visitorName("Jane").buttonId("573000000000009")
                .language("").receiveQueueUpdates(false).build();

        ChasitorInit merged = fromRoute.mergeDefaults(defaults()).withSessionId("sid-1");

        assertThat(merged.visitorName()).isEqualTo("Jane");
        assertThat(merged.buttonId()).isEqualTo("573000000000009");
        assertThat(merged.receiveQueueUpdates()).isFalse();
        assertThat(merged.organizationId()).isEqualTo("00D000000000001");
        assertThat(merged.deploymentId()).isEqualTo("572000000000001");
        assertThat(merged.language()).isEqualTo("en-US");
        assertThat(merged.screenResolution()).isEqualTo("n/a");
        assertThat(merged.prechatDetails()).containsExactly(CustomDetail.of("Source", "camel", false));
        assertThat(merged.isPost()).isTrue();
        assertThat(merged.sessionId()).isEqualTo("sid-1");
        assertThat(merged.agentId()).isNull();
    }

    @Test
    void mergeDefaultsKeepsTheBodysOwnLists() {
        ChasitorInit withDetails = ChasitorInit.builder().addPrechatDetail(CustomDetail.of("Mine", "1", true))
                .build();
        assertThat(withDetails.mergeDefaults(defaults()).prechatDetails())
                .containsExactly(CustomDetail.of("Mine", "1", true));
        assertThat(withDetails.mergeDefaults(null)).isSameAs(withDetails);
    }

    @Test
    void withSessionIdCopiesEverythingElse() {
        ChasitorInit copy = full().withSessionId("other");
        assertThat(copy.sessionId()).isEqualTo("other");
        assertThat(copy.toBuilder().sessionId(full().sessionId()).build()).isEqualTo(full());
    }

    @Test
    void mapBodyConvertsWithWireNames() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("visitorName", "Jane");
        body.put("isPost", "true");
        body.put("prechatDetails", List.of(Map.of("label", "E-Mail", "value", "jane@example.com",
                "displayToAgent", true)));
        body.put("somethingElse", 1);

        ChasitorInit init = LiveAgentJson.convert(body, ChasitorInit.class);

        assertThat(init.visitorName()).isEqualTo("Jane");
        assertThat(init.isPost()).isTrue();
        assertThat(init.prechatDetails()).containsExactly(CustomDetail.of("E-Mail", "jane@example.com", true));
    }

    @Test
    void jsonStringBodyConverts() {
        assertThat(LiveAgentJson.convert("{\"visitorName\":\"Jane\",\"buttonOverrides\":[\"573\"]}",
                ChasitorInit.class).buttonOverrides()).containsExactly("573");
    }

    @Test
    void unconvertibleBodyGivesAClearException() {
        assertThatThrownBy(() -> LiveAgentJson.convert(Map.of("prechatDetails", "not a list"), ChasitorInit.class))
                .isInstanceOf(LiveAgentJsonException.class).hasMessageContaining("ChasitorInit");
    }
}
