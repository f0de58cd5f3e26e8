package io.github.camelliveagent.emulator.junit;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.support.RestClient;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegisteredExtensionTest {

    @RegisterExtension
    static LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(2)).build();

    static LiveAgentEmulator firstSeen;

    @Test
    @Order(1)
    void emulatorRunsOnAFreeLoopbackPort() {
        assertThat(EMULATOR.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(EMULATOR.emulator().port()).isPositive();
        assertThat(EMULATOR.emulator().holdTime()).isEqualTo(Duration.ofSeconds(2));
        Visitor v = new RestClient(EMULATOR.baseUrl()).newVisitor();
        assertThat(EMULATOR.emulator().session(v.id)).isNotNull();
        firstSeen = EMULATOR.emulator();
        // leave a fault behind: the next test must not see it
        EMULATOR.emulator().faults().failNext(500);
        EMULATOR.emulator().setAvailable("573Z", false);
    }

    @Test
    @Order(2)
    void sameEmulatorForTheWholeClassWithFaultsResetBetweenTests() {
        assertThat(EMULATOR.emulator()).isSameAs(firstSeen);
        Visitor v = new RestClient(EMULATOR.baseUrl()).newVisitor();
        assertThat(v.init().status()).isEqualTo(200);
        assertThat(EMULATOR.emulator().sessions()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(new RestClient(EMULATOR.baseUrl()).get("/chat/rest/Visitor/Availability?Availability.ids=573Z",
                RestClient.VERSION, "42").message("Availability").path("results").get(0).path("isAvailable").asBoolean())
                .isTrue();
    }

    @Nested
    class Inner {
        @Test
        void nestedTestsShareTheOuterEmulator() {
            assertThat(EMULATOR.emulator()).isSameAs(firstSeen);
            assertThat(new RestClient(EMULATOR.baseUrl()).newVisitor().id).isNotEmpty();
        }
    }
}
