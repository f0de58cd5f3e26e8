package io.github.camelliveagent.examples.quarkus;

import io.github.camelliveagent.examples.broker.EmbeddedBroker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** The visitor channel's embedded Artemis broker; camel-jms picks up the ConnectionFactory bean. */
@ApplicationScoped
public class VisitorChannelBroker {

    private final EmbeddedBroker broker = new EmbeddedBroker();

    @Produces
    @Singleton
    @Named("connectionFactory")
    ConnectionFactory connectionFactory() throws Exception {
        broker.start();   // before camel-jms first connects
        return new ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL);
    }

    /** When the container shuts down, after Camel has stopped its JMS consumers. */
    void stop(@Disposes ConnectionFactory connectionFactory) throws Exception {
        broker.stop();
    }
}
