package io.github.camelliveagent.emulator.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

/** Sends a small file as the end user and checks it was accepted. */
final class SseUploadCheck {

    private SseUploadCheck() {
    }

    static void sent(EnhancedClient c, String conversationId, String name, String type, byte[] data) {
        assertThat(SendingTest.upload(c, conversationId, EnhancedClient.uuid(), name, type, data, false).status())
                .isEqualTo(202);
    }
}
