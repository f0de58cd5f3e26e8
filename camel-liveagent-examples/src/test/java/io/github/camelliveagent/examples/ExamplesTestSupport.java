package io.github.camelliveagent.examples;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.github.camelliveagent.component.LiveAgentComponent;
import io.github.camelliveagent.component.LiveAgentConfiguration;
import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.junit.LiveAgentChats;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.examples.transcript.TranscriptTables;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.awaitility.Awaitility;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each test gets a fresh CamelContext with the application's properties, its own embedded broker and H2 database, and
 * a liveagent component pointed at the class's emulator, where the test plays the agent.
 */
public abstract class ExamplesTestSupport extends CamelTestSupport {

    protected static final String AGENT = "Agent Smith";

    static {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
        Awaitility.setDefaultTimeout(Duration.ofSeconds(15));
    }

    @RegisterExtension
    protected static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(5))
            .build();

    protected DataSource db;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        ExamplesSetup.startBroker(context);

        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentConfiguration c = liveagent.getConfiguration();
        c.setHostname(EMULATOR.baseUrl());
        c.setOrganizationId("00D000000000001");
        c.setDeploymentId("572000000000001");
        c.setButtonId("573000000000001");
        c.setEstablishTimeout(15_000);
        context.addComponent("liveagent", liveagent);

        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TranscriptTables.create(h2);
        context.getRegistry().bind("transcriptDb", h2);
        db = h2;
        return context;
    }

    protected LiveAgentEmulator emulator() {
        return EMULATOR.emulator();
    }

    /** Starts a chat as a visitor would, through the component, and returns its session id. */
    protected String startChat() {
        return LiveAgentChats.startChat(template());
    }

    protected EmulatedSession serverSide(String sessionId) {
        return EMULATOR.serverSide(sessionId);
    }

    protected List<Map<String, Object>> rows(String sql, Object... args) {
        return new JdbcTemplate(db).queryForList(sql, args);
    }
}
