package io.github.camelliveagent.examples;

import javax.sql.DataSource;

import io.github.camelliveagent.examples.broker.EmbeddedBroker;
import io.github.camelliveagent.examples.transcript.TranscriptTables;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Runs once the configuration is read and the routes are known, before anything starts: the embedded JMS broker,
 * the Live Agent endpoint (a configured org, or the embedded emulator), and the transcript tables.
 */
public class ExamplesSetup extends MainListenerSupport {

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        startBroker(context);
        LiveAgentSetup.configure(context);
        createTranscriptTables(context);
    }

    /** The broker runs until the context stops; camel-jms uses the one ConnectionFactory in the registry. */
    static void startBroker(CamelContext context) {
        String tcpUrl = context.getPropertiesComponent().resolveProperty("examples.broker.tcp-url").orElse(null);
        EmbeddedBroker broker = new EmbeddedBroker(tcpUrl);
        try {
            broker.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded JMS broker: " + e.getMessage(), e);
        }
        context.getRegistry().bind("broker", EmbeddedBroker.class, broker, null, "stop");
        context.getRegistry().bind("connectionFactory", new ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL));
    }

    static void createTranscriptTables(CamelContext context) {
        DataSource db = context.getRegistry().lookupByNameAndType("transcriptDb", DataSource.class);
        try {
            TranscriptTables.create(db);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the transcript tables in the database examples.db.url = "
                                            + context.getPropertiesComponent().resolveProperty("examples.db.url").orElse("?")
                                            + ": " + e.getMessage(), e);
        }
    }
}
