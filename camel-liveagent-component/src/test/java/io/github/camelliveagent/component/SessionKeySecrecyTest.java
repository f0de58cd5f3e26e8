package io.github.camelliveagent.component;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelliveagent.component.client.HttpClient5LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.client.LiveAgentRequest;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session key grants access to a chat: it must not show in any log line (ours, Camel's or the emulator's),
 * exception message or exchange header, through a whole lifecycle and its failures.
 */
class SessionKeySecrecyTest extends LiveAgentTestSupport {

    private final Set<String> keysSent = ConcurrentHashMap.newKeySet();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private LiveAgentClient realClient;
    private AbstractAppender capture;

    @BeforeEach
    void captureLogs() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        capture = new AbstractAppender("secrecy-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    line.append(" | ").append(t);
                }
                logLines.add(line.toString());
            }
        };
        capture.start();
        ctx.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        ctx.updateLoggers();
    }

    @AfterEach
    void stopCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(capture.getName());
        ctx.updateLoggers();
        if (realClient != null) {
            realClient.close();
        }
    }

    @Override
    protected void configure(LiveAgentComponent liveagent) {
        super.configure(liveagent);
        realClient = new HttpClient5LiveAgentClient(1, 100, 5_000, null, null);
        // the seam lets the test learn every key the component sent, to search for it everywhere else
        liveagent.setClient(new LiveAgentClient() {
            @Override
            public CompletableFuture<LiveAgentReply> send(LiveAgentRequest request) {
                if (request.sessionKey() != null) {
                    keysSent.add(request.sessionKey());
                }
                return realClient.send(request);
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(received).to("log:liveagent-events?showAll=true&level=INFO");
            }
        };
    }

    @Test
    void keyAppearsInNoLogLineHeaderOrError() {
        List<String> leakable = new CopyOnWriteArrayList<>();

        String id = startChat();
        EmulatedSession server = serverSide(id);
        received.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        received.await(id, ChatEstablished.class);
        Exchange sent = send("chatMessage", id, "my card number is in the ticket");
        leakable.add(sent.getMessage().getHeaders().toString());
        server.agentMessage("thanks");
        received.await(id, ChatMessage.class);
        leakable.add(String.valueOf(sendFailing("customEvent", id, "no type")));
        // the fault paths log the most: a hand-over, an out-of-sync POST, a dropped poll
        server.faults().handover();
        send("chatMessage", id, "through a hand-over");
        server.faults().failNextPost(409);
        send("chatMessage", id, "through a 409");
        server.faults().dropNextPoll();
        server.agentMessage("after a dropped poll");
        org.awaitility.Awaitility.await().until(() -> received.bodies(id, ChatMessage.class).stream()
                .anyMatch(m -> m.text().equals("after a dropped poll")));
        Exchange end = send("chatEnd", id, null);
        leakable.add(end.getMessage().getHeaders().toString());
        received.await(id, ChatEnded.class);
        leakable.add(String.valueOf(sendFailing("chatMessage", id, "after the end")));

        // a second session, deleted, then used: the 403 path
        String other = startChat();
        received.await(other, ChatRequestSuccess.class);
        send("deleteSession", other, null);
        org.awaitility.Awaitility.await().until(() -> sendFailing("chatEnd", other, null) != null);
        leakable.add(String.valueOf(sendFailing("chatEnd", other, null)));

        received.all().forEach(e -> leakable.add(e.headers().toString() + " " + e.body()));

        assertThat(server.transcript().visitorMessages()).contains("through a hand-over", "through a 409");
        assertThat(keysSent).hasSize(2);
        assertThat(logLines).as("log lines were captured").isNotEmpty();
        assertThat(logLines).anyMatch(l -> l.contains(id));
        for (String key : keysSent) {
            assertThat(logLines).noneMatch(l -> l.contains(key));
            assertThat(leakable).noneMatch(l -> l.contains(key));
            // the unique parts of the key must not leak on their own either
            for (String part : key.split("!")) {
                if (part.length() >= 16) {
                    assertThat(logLines).noneMatch(l -> l.contains(part));
                    assertThat(leakable).noneMatch(l -> l.contains(part));
                }
            }
        }
    }
}
