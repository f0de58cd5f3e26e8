package io.github.camelliveagent.component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelliveagent.component.model.message.ChatEnded;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Losing the server mid-chat is reported once per session, in one WARN line without a stack trace; a route that asked
 * for it (bridgeErrorHandler) still gets the exception; the statistics print readably.
 */
class LostSessionReportTest extends LiveAgentTestSupport {

    private final List<LogEvent> warnings = new CopyOnWriteArrayList<>();
    private final List<Exception> bridged = new CopyOnWriteArrayList<>();
    private AbstractAppender capture;

    @BeforeEach
    void captureWarnings() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        capture = new AbstractAppender("lost-session-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                    warnings.add(event.toImmutable());
                }
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
        capture.stop();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(received);
                // a route that wants such failures in its error handling
                from("liveagent:messages?bridgeErrorHandler=true&messageTypes=ChatEstablished")
                        .onException(LiveAgentException.class).handled(true)
                        .process(e -> bridged.add(e.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class)))
                        .end()
                        .to("log:established?level=DEBUG");
            }
        };
    }

    @Test
    void aLostSessionIsOneWarnLineWithoutAStackTrace() {
        String id = activeChat();
        serverSide(id).faults().expire();
        received.await(id, ChatEnded.class);
        LiveAgentComponent component = context().getComponent("liveagent", LiveAgentComponent.class);
        await().until(() -> component.getStatistics().sessionsLost() == 1);
        await().until(() -> bridged.size() == 1);

        List<LogEvent> aboutTheSession = warnings.stream()
                .filter(w -> w.getMessage().getFormattedMessage().contains(id)).toList();
        System.out.println("WARN lines about the lost session: " + aboutTheSession.size());
        aboutTheSession.forEach(w -> System.out.println("  " + w.getLoggerName() + ": "
                                                         + w.getMessage().getFormattedMessage()));
        assertThat(aboutTheSession).hasSize(1);
        assertThat(aboutTheSession.get(0).getThrown()).as("no stack trace").isNull();
        assertThat(aboutTheSession.get(0).getMessage().getFormattedMessage()).contains("is over").contains("403");

        assertThat(bridged.get(0)).isInstanceOf(LiveAgentException.class).hasMessageContaining(id);

        String figures = component.getStatistics().toString();
        System.out.println("statistics: " + figures);
        assertThat(figures).contains("sessions opened 1").contains("lost 1").contains("events delivered")
                .doesNotContain("LiveAgentStatistics@");
    }
}
