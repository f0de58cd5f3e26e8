package io.github.camelliveagent.examples.quarkus;

import java.time.Duration;
import java.util.Map;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.examples.demo.DemoAgent;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the Live Agent emulator on a free loopback port, with the demo's agent (accepts, types, answers from a
 * script, ends the chat after its last line), and points the liveagent component at it.
 */
public class EmulatorResource implements QuarkusTestResourceLifecycleManager {

    private LiveAgentEmulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = LiveAgentEmulator.builder().holdTime(Duration.ofSeconds(5)).agent(new DemoAgent()).build().start();
        return Map.of(
                "camel.component.liveagent.hostname", emulator.baseUrl(),
                "camel.component.liveagent.organization-id", "00D000000000001",
                "camel.component.liveagent.deployment-id", "572000000000001",
                "camel.component.liveagent.button-id", "573000000000001",
                "emulator.control-url", emulator.controlUrl());
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.stop();
        }
    }
}
