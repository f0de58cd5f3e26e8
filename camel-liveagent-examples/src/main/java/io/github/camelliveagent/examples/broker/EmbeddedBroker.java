package io.github.camelliveagent.examples.broker;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * A real ActiveMQ Artemis broker inside the application's JVM: in-VM connections only (plus TCP if asked for),
 * persistence off, so it needs no files and no set-up. Clients in the JVM connect to {@link #IN_VM_URL}.
 */
public class EmbeddedBroker {

    /** How clients in the same JVM reach the broker. */
    public static final String IN_VM_URL = "vm://0";

    private final String tcpUrl;
    private EmbeddedActiveMQ server;

    /** An in-VM broker only. */
    public EmbeddedBroker() {
        this(null);
    }

    /**
     * @param tcpUrl e.g. {@code tcp://127.0.0.1:61616} to let JMS clients outside this JVM in as well; null or blank
     *               for in-VM only
     */
    public EmbeddedBroker(String tcpUrl) {
        this.tcpUrl = tcpUrl == null || tcpUrl.isBlank() ? null : tcpUrl.trim();
    }

    public synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        Configuration config = new ConfigurationImpl()
                .setName("camel-liveagent-examples")
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("in-vm", IN_VM_URL)
                // messages that cannot be delivered or expire end up here rather than being dropped
                .addAddressSetting("#", new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of("DLQ"))
                        .setExpiryAddress(SimpleString.of("ExpiryQueue")));
        if (tcpUrl != null) {
            config.addAcceptorConfiguration("tcp", tcpUrl);
        }
        server = new EmbeddedActiveMQ().setConfiguration(config).start();
    }

    public synchronized void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

}
