package io.github.camelliveagent.component;

import io.github.camelliveagent.emulator.junit.LiveAgentChats;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator's JUnit helpers that this module's and the examples' tests use (and users may): they name the
 * component's header correctly, start a chat through the component and find its server side.
 */
class SharedTestHelpersTest extends LiveAgentTestSupport {

    @Test
    void theHelpersHeaderIsTheComponentsSessionIdHeader() {
        assertThat(LiveAgentChats.SESSION_ID_HEADER).isEqualTo(LiveAgentConstants.SESSION_ID);
    }

    @Test
    void aChatStartedThroughTheComponentIsFoundOnTheServerSide() {
        int before = emulator().sessions().size();
        String id = LiveAgentChats.startChat(template());
        EmulatedSession server = EMULATOR.serverSide(id);
        System.out.println("sessions before " + before + ", after " + emulator().sessions().size() + "; " + id + " is "
                           + server.visitorName() + "'s");

        assertThat(server.id()).isEqualTo(id);
        assertThat(server.visitorName()).isEqualTo("Ada");
        assertThat(emulator().sessions()).hasSize(before + 1);
    }
}
