package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.support.RestClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MainTest {

    @Test
    void argumentsConfigureTheEmulator() {
        try (LiveAgentEmulator emu = Main.parse(new String[]{"--port", "0", "--hold-seconds", "3",
                "--poll-timeout-seconds", "9", "--auto-agent", "--host", "127.0.0.1"}).build().start()) {
            assertThat(emu.holdTime()).isEqualTo(Duration.ofSeconds(3));
            assertThat(emu.clientPollTimeout()).isEqualTo(Duration.ofSeconds(9));
            assertThat(new RestClient(emu.baseUrl()).newVisitor().sessionIdReply.path("clientPollTimeout").asInt()).isEqualTo(9);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Main.printBanner(emu, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(emu.baseUrl());
        }
    }

    @Test
    void badArgumentsNameTheArgument() {
        assertThatThrownBy(() -> Main.parse(new String[]{"--port", "http"})).hasMessageContaining("--port");
        assertThatThrownBy(() -> Main.parse(new String[]{"--port", "70000"})).hasMessageContaining("--port");
        assertThatThrownBy(() -> Main.parse(new String[]{"--hold-seconds"})).hasMessageContaining("--hold-seconds");
        assertThatThrownBy(() -> Main.parse(new String[]{"--poll-timeout-seconds", "0"})).hasMessageContaining("--poll-timeout-seconds");
        assertThatThrownBy(() -> Main.parse(new String[]{"--verbose"})).hasMessageContaining("--verbose");
        assertThat(Main.USAGE).contains("--port", "--host", "--hold-seconds", "--poll-timeout-seconds", "--auto-agent");
    }

    @Test
    void helpPrintsTheUsageAndReturnsNormally() throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Main.main(new String[]{"--help"}); // a System.exit here would end the test JVM: returning is the point
        } finally {
            System.setOut(before);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage:").contains("--sequence-model", "--help");
    }
}
