package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.emulator.enhanced.EnhancedConversation;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SessionKeySecrecyTest}'s promise for Enhanced Chat's access tokens: with the component, the HTTP client's
 * request logging and the emulator at DEBUG or finer, a conversation through a 429, a dropped stream, a refused call
 * and a token that cannot be renewed (the conversation lost) leaves no token in a log line, an exception or a header
 * of an exchange. The tokens are JWTs, whose text always starts with {@code eyJ} (the base64 of <code>{"</code>), so
 * the search needs no knowledge of the tokens themselves.
 */
class EnhancedChatTokenSecrecyTest extends EnhancedChatTestSupport {

    private static final String JWT_START = "eyJ";
    private static final String HTTP_CLIENT = "org.apache.hc";
    private static final String HTTP_CLIENT_HEADERS = "org.apache.hc.client5.http.headers";
    private static final String HTTP_CLIENT_WIRE = "org.apache.hc.client5.http.wire";
    private static final String COMPONENT_LOGS = "io.github.camelliveagent.component";
    private static final String EMULATOR_LOGS = "io.github.camelliveagent.emulator";

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private AbstractAppender capture;

    @BeforeEach
    void captureLogs() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        capture = new AbstractAppender("token-secrecy", null, null, true, Property.EMPTY_ARRAY) {
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
        // the raw header and wire dumps print every header by design (README's caveat), so they stay quiet here
        Configurator.setLevel(HTTP_CLIENT, Level.DEBUG);
        Configurator.setLevel(HTTP_CLIENT_HEADERS, Level.INFO);
        Configurator.setLevel(HTTP_CLIENT_WIRE, Level.INFO);
        Configurator.setLevel(COMPONENT_LOGS, Level.TRACE);
        Configurator.setLevel(EMULATOR_LOGS, Level.TRACE);
    }

    @AfterEach
    void stopCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(capture.getName());
        for (String name : List.of(HTTP_CLIENT, HTTP_CLIENT_HEADERS, HTTP_CLIENT_WIRE, COMPONENT_LOGS)) {
            ctx.getConfiguration().removeLogger(name);
        }
        ctx.updateLoggers();
        Configurator.setLevel(EMULATOR_LOGS, Level.INFO);
        emulator().faults().clear();
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
    void noAccessTokenInALogLineAnExceptionOrAHeader() {
        List<Object> seen = new ArrayList<>();
        String id = activeChat();
        EnhancedConversation server = conversation(id);
        server.faults().failNextPost(429);
        seen.add(send("chatMessage", id, "throttled once").getMessage().getHeaders());
        server.faults().dropStream();
        server.agentMessage("after the drop");
        await().atMost(Duration.ofSeconds(10)).until(() -> !received.bodies(id, ChatMessage.class).isEmpty());
        Exchange refused = template().request("liveagent:startChat?esDeveloperName=No_Such_Deployment", e -> {
        });
        seen.add(refused.getException());
        seen.add(refused.getMessage().getHeaders());
        // every token expires and cannot be continued: the stream's 401, the continuation's 401, the loss
        server.faults().expire();
        received.await(id, ChatEnded.class);
        Exception late = sendFailing("chatMessage", id, "anyone?");
        seen.add(late);
        received.all().forEach(e -> seen.add(e.headers()));

        List<String> leaks = new ArrayList<>();
        for (String line : logLines) {
            if (line.contains(JWT_START)) {
                leaks.add("log: " + line);
            }
        }
        for (Object o : seen) {
            String text = o instanceof Throwable t ? chain(t) : String.valueOf(o);
            if (text.contains(JWT_START)) {
                leaks.add("exchange: " + text);
            }
        }
        System.out.println("token secrecy: " + logLines.size() + " log lines, " + seen.size()
                           + " exceptions and header sets searched, leaks " + leaks.size());
        leaks.forEach(l -> System.out.println("  " + l));
        assertThat(logLines).as("the search saw the conversation's logging").hasSizeGreaterThan(20);
        assertThat(refused.getException()).isNotNull();
        assertThat(late).isNotNull();
        assertThat(leaks).isEmpty();
    }

    private static String chain(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            s.append(c).append(" | ");
        }
        return s.toString();
    }
}
