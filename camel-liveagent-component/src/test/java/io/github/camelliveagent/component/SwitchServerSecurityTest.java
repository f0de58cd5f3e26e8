package io.github.camelliveagent.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.SwitchServer;
import io.github.camelliveagent.emulator.junit.LiveAgentChats;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SwitchServer moves a session, and its key, to another host: only under the hostname rules and only to a trusted host
 * (Salesforce's, the configured one, loopback for an emulator, allowedSwitchHosts). Every call goes through a loopback
 * proxy that sends all hosts to the emulator and records which host each call named, so the test sees where the key
 * would have gone and nothing leaves loopback.
 */
class SwitchServerSecurityTest {

    private static final String ATTACKER = "chat.attacker.test";

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private AbstractAppender capture;
    private HostMappingProxy proxy;
    private CamelContext context;

    @BeforeEach
    void start() throws Exception {
        proxy = new HostMappingProxy(EMULATOR.baseUrl());
        capture = new AbstractAppender("switch-warnings", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                    warnings.add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage());
                }
            }
        };
        capture.start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        ctx.updateLoggers();
    }

    @AfterEach
    void stop() throws Exception {
        EMULATOR.emulator().faults().clear();
        if (context != null) {
            context.stop();
        }
        proxy.close();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(capture.getName());
        ctx.updateLoggers();
    }

    private CamelContext startContext(ReceivedEvents received, Consumer<LiveAgentComponent> options) throws Exception {
        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentTestSupport.pointAt(liveagent, EMULATOR.baseUrl());
        liveagent.setProxyHost("127.0.0.1");
        liveagent.setProxyPort(proxy.port());
        options.accept(liveagent);
        return LiveAgentTestSupport.startedContext(liveagent, received);
    }

    private String activeChat(CamelContext ctx, ReceivedEvents received) {
        String id = LiveAgentChats.startChat(ctx.createProducerTemplate());
        EmulatedSession server = EMULATOR.serverSide(id);
        received.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        received.await(id, ChatEstablished.class);
        return id;
    }

    private static void send(CamelContext ctx, String id, String text) {
        Exchange out = ctx.createProducerTemplate().request("liveagent:chatMessage", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setBody(text);
        });
        assertThat(out.getException()).isNull();
    }

    /** The key of the one session of a test, as its calls carried it. */
    private String sessionKey() {
        return proxy.seen().stream().map(HostMappingProxy.Seen::sessionKey).filter(java.util.Objects::nonNull)
                .findFirst().orElseThrow();
    }

    private List<HostMappingProxy.Seen> callsTo(String host) {
        return proxy.seen().stream().filter(s -> host.equals(s.host())).toList();
    }

    /** The chat goes on where it was: a visitor message reaches the server and the agent's answer the route. */
    private void chatGoesOn(CamelContext ctx, ReceivedEvents received, String id, String text) {
        send(ctx, id, text);
        EmulatedSession server = EMULATOR.serverSide(id);
        await().until(() -> server.transcript().visitorMessages().contains(text));
        server.agentMessage("re: " + text);
        await().until(() -> received.bodies(id, ChatMessage.class).stream().anyMatch(m -> m.text().equals("re: " + text)));
    }

    private void refusedSwitchKeepsTheSession(Consumer<LiveAgentComponent> options, String why) throws Exception {
        ReceivedEvents received = new ReceivedEvents();
        context = startContext(received, options);
        String id = activeChat(context, received);
        String key = sessionKey();

        EMULATOR.serverSide(id).faults().switchServer("http://" + ATTACKER + "/chat");
        received.await(id, SwitchServer.class);
        chatGoesOn(context, received, id, "after the switch");

        System.out.printf("switch: %d calls through the proxy, %d to %s, %d warnings%n", proxy.seen().size(),
                callsTo(ATTACKER).size(), ATTACKER, warnings.size());
        assertThat(callsTo(ATTACKER)).isEmpty();
        assertThat(callsTo("127.0.0.1")).anyMatch(s -> s.path().endsWith("Chasitor/ChatMessage"));
        assertThat(warnings).anyMatch(w -> w.contains(id) && w.contains("refused") && w.contains(why));
        assertThat(warnings).noneMatch(w -> w.contains(key) || w.contains(key.split("!")[2]));
    }

    @Test
    void aSwitchFromLoopbackToPlainHttpOnAnotherHostIsRefused() throws Exception {
        refusedSwitchKeepsTheSession(liveagent -> {
        }, "plain http to a host that is not a loopback address");
    }

    @Test
    void aSwitchToAnUntrustedHostIsRefusedEvenWhenPlainHttpIsAllowed() throws Exception {
        refusedSwitchKeepsTheSession(liveagent -> liveagent.getConfiguration().setAllowInsecureHttp(true),
                ATTACKER + " is not a Salesforce chat host");
    }

    @Test
    void aSwitchToAHostInAllowedSwitchHostsIsFollowed() throws Exception {
        ReceivedEvents received = new ReceivedEvents();
        context = startContext(received, liveagent -> {
            liveagent.getConfiguration().setAllowInsecureHttp(true);
            liveagent.getConfiguration().setAllowedSwitchHosts("chat.other.test, .partner.test");
        });
        String id = activeChat(context, received);

        EMULATOR.serverSide(id).faults().switchServer("http://eu.partner.test/chat");
        received.await(id, SwitchServer.class);
        chatGoesOn(context, received, id, "on the partner host");

        System.out.printf("switch: %d calls to eu.partner.test%n", callsTo("eu.partner.test").size());
        assertThat(callsTo("eu.partner.test")).anyMatch(s -> s.path().endsWith("Chasitor/ChatMessage") && s.sessionKey() != null);
        assertThat(warnings).noneMatch(w -> w.contains("refused"));
    }

    @Test
    void aRefusedSwitchOnAvailabilityFailsTheCallAndTheEndpointStays() throws Exception {
        ReceivedEvents received = new ReceivedEvents();
        context = startContext(received, liveagent -> {
        });
        EMULATOR.emulator().faults().switchServer("http://" + ATTACKER + "/chat");
        Exchange refused = context.createProducerTemplate().request("liveagent:availability", e -> {
        });
        assertThat(refused.getException()).isInstanceOf(LiveAgentException.class)
                .hasMessageContaining("refused").hasMessageContaining("plain http");
        EMULATOR.emulator().faults().clear();
        Exchange after = context.createProducerTemplate().request("liveagent:availability", e -> {
        });
        assertThat(after.getException()).isNull();
        assertThat(callsTo(ATTACKER)).isEmpty();
        assertThat(warnings).anyMatch(w -> w.contains("availability") && w.contains("refused"));
    }

    @Test
    void aRestoredSessionWhoseStoredServerIsUntrustedResumesOnTheConfiguredHostname() throws Exception {
        Path sessions = dir.resolve("sessions");
        Consumer<LiveAgentComponent> fileStore = liveagent -> {
            liveagent.setSessionStoreDirectory(sessions.toString());
            liveagent.setSessionStoreSecret("a-long-random-secret-from-the-vault");
        };
        ReceivedEvents before = new ReceivedEvents();
        // the first application talks to the emulator directly: this proxy would hold its last poll open upstream
        // after it stopped, and the emulator would take the restarted session's poll for a second one
        CamelContext first = startContext(before, fileStore.andThen(liveagent -> {
            liveagent.setProxyHost(null);
            liveagent.setProxyPort(null);
        }));
        String id = activeChat(first, before);
        first.stop();

        // the store is altered (or was written by a session that followed a switch it should not have)
        Path file = sessions.resolve("session-" + id + ".json");
        String stored = Files.readString(file);
        assertThat(stored).contains("\"baseUri\":\"" + EMULATOR.baseUrl() + "\"");
        Files.writeString(file, stored.replace("\"baseUri\":\"" + EMULATOR.baseUrl() + "\"",
                "\"baseUri\":\"http://" + ATTACKER + "\""));

        ReceivedEvents after = new ReceivedEvents();
        context = startContext(after, fileStore);
        chatGoesOn(context, after, id, "after the restart");

        System.out.printf("restore: %d calls to %s%n", callsTo(ATTACKER).size(), ATTACKER);
        assertThat(callsTo(ATTACKER)).isEmpty();
        assertThat(warnings).anyMatch(w -> w.contains(id) && w.contains("not trusted") && w.contains("resumes on"));
    }
}
