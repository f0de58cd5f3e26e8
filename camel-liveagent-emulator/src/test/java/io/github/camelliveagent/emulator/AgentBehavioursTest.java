package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.agent.AgentBehaviour;
import io.github.camelliveagent.emulator.agent.AgentBehaviours;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.RestClient;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AgentBehavioursTest {

    private static LiveAgentEmulator start(AgentBehaviour agent) {
        return EmulatorTestBase.eventIndexBuilder().holdTime(Duration.ofMillis(500)).agent(agent).build().start();
    }

    @Test
    void echoAcceptsAndEchoesEveryMessage() {
        try (LiveAgentEmulator emu = start(AgentBehaviours.echo("Echo"))) {
            Visitor v = new RestClient(emu.baseUrl()).newVisitor();
            v.init();
            EmulatedSession s = emu.session(v.id);
            await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == SessionState.ACTIVE);
            v.message("ping");
            v.message("pong");
            await().atMost(Duration.ofSeconds(5)).until(() -> s.transcript().agentMessages().size() == 2);
            assertThat(s.transcript().agentMessages()).containsExactly("echo: ping", "echo: pong");
        }
    }

    @Test
    void autoAcceptWaitsForItsDelayAndCombinesWithEchoReplies() {
        AgentBehaviour agent = AgentBehaviours.autoAccept("Ann", Duration.ofMillis(300)).andThen(AgentBehaviours.echoReplies());
        try (LiveAgentEmulator emu = start(agent)) {
            Visitor v = new RestClient(emu.baseUrl()).newVisitor();
            long t0 = System.nanoTime();
            v.init();
            EmulatedSession s = emu.session(v.id);
            await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == SessionState.ACTIVE);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(v.poll(-1).types()).containsExactly("ChatRequestSuccess", "ChatEstablished");
            v.message("hi");
            await().atMost(Duration.ofSeconds(5)).until(() -> s.transcript().agentMessages().equals(List.of("echo: hi")));
        }
    }

    @Test
    void scriptedGreetsAndAnswersLineByLine() {
        try (LiveAgentEmulator emu = start(AgentBehaviours.scripted("Sam", List.of("first answer", "second answer")))) {
            Visitor v = new RestClient(emu.baseUrl()).newVisitor();
            v.init();
            EmulatedSession s = emu.session(v.id);
            await().atMost(Duration.ofSeconds(5)).until(() -> s.transcript().agentMessages().size() == 1);
            assertThat(s.transcript().agentMessages().get(0)).contains("Sam");
            v.message("q1");
            v.message("q2");
            v.message("q3");
            await().atMost(Duration.ofSeconds(5)).until(() -> s.transcript().agentMessages().size() == 3);
            assertThat(s.transcript().agentMessages()).endsWith("first answer", "second answer");
            assertThat(s.transcript().events()).extracting(e -> e.type()).doesNotContain("ChatEnded");
        }
    }

    @Test
    void callbacksSeeRequestsMessagesAndTheEnd() {
        List<String> calls = new CopyOnWriteArrayList<>();
        AgentBehaviour recorder = new AgentBehaviour() {
            @Override
            public void onChatRequested(EmulatedSession session) {
                calls.add("requested");
                session.accept("Rec");
            }

            @Override
            public void onVisitorMessage(EmulatedSession session, String text) {
                calls.add("message:" + text);
            }

            @Override
            public void onChatEnded(EmulatedSession session) {
                calls.add("ended");
            }
        };
        try (LiveAgentEmulator emu = start(recorder)) {
            Visitor v = new RestClient(emu.baseUrl()).newVisitor();
            v.init();
            await().atMost(Duration.ofSeconds(5)).until(() -> emu.session(v.id).state() == SessionState.ACTIVE);
            v.message("x");
            v.postWithSequence("ChatMessage", 2, "{\"text\":\"x\"}"); // duplicate: not reported
            v.post("ChatEnd", "{\"reason\":\"client\"}");
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.contains("ended"));
            assertThat(calls).containsExactly("requested", "message:x", "ended");
        }
    }

    @Test
    void aFailingBehaviourDoesNotBreakTheEmulator() {
        AgentBehaviour broken = new AgentBehaviour() {
            @Override
            public void onChatRequested(EmulatedSession session) {
                throw new IllegalStateException("boom");
            }
        };
        try (LiveAgentEmulator emu = start(broken)) {
            Visitor v = new RestClient(emu.baseUrl()).newVisitor();
            assertThat(v.init().status()).isEqualTo(200);
            assertThat(v.poll(-1).types()).containsExactly("ChatRequestSuccess");
        }
    }
}
