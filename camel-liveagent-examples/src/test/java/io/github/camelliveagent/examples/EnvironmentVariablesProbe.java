package io.github.camelliveagent.examples;

import io.github.camelliveagent.component.LiveAgentConstants;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * A Camel Main application that {@link EnvironmentVariablesTest} runs in a child JVM with {@code CAMEL_COMPONENT_LIVEAGENT_*}
 * environment variables: nothing in its code or properties file says where the org is, so a chat it starts reaches
 * the test's emulator only if Camel Main configured the component from the environment. Prints the session id and
 * exits 0, or prints the failure and exits 2.
 */
public final class EnvironmentVariablesProbe {

    private EnvironmentVariablesProbe() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("classpath:environment-variables-probe.properties");
        Throwable[] failure = new Throwable[1];
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                try (ProducerTemplate template = m.getCamelContext().createProducerTemplate()) {
                    Exchange out = template.request("liveagent:startChat", e -> {
                    });
                    if (out.getException() != null) {
                        failure[0] = out.getException();
                    } else {
                        System.out.println("probe: chat started, session "
                                           + out.getMessage().getHeader(LiveAgentConstants.SESSION_ID));
                    }
                } catch (Exception e) {
                    failure[0] = e;
                }
                main.completed();
            }
        });
        main.run(args);
        if (failure[0] != null) {
            System.out.println("probe: startChat failed: " + failure[0]);
            System.exit(2);
        }
        System.exit(0);
    }
}
