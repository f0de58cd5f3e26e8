package io.github.camelliveagent.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.camelliveagent.component.LiveAgentApi;
import io.github.camelliveagent.component.LiveAgentComponent;
import io.github.camelliveagent.component.LiveAgentConfiguration;
import io.github.camelliveagent.component.client.ChatServer;
import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.examples.demo.DemoAgent;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, once the configuration is read and before any route starts, where the liveagent component talks to: the
 * org in {@code camel.component.liveagent.*}, or, when no hostname is configured, an embedded emulator.
 */
public final class LiveAgentSetup {

    /** The ids the component sends to the emulator; it accepts any of the right shape. */
    static final String EMULATOR_ORG_ID = "00D000000000001";
    static final String EMULATOR_DEPLOYMENT_ID = "572000000000001";
    static final String EMULATOR_BUTTON_ID = "573000000000001";

    private static final Logger LOG = LoggerFactory.getLogger(LiveAgentSetup.class);

    private LiveAgentSetup() {
    }

    /**
     * @return the emulator it started (bound as {@code liveAgentEmulator}, stopped with the context), or null when an
     *         org is configured
     * @throws IllegalArgumentException naming the property that is missing or malformed and what it should look like
     */
    public static LiveAgentEmulator configure(CamelContext context) {
        LiveAgentConfiguration config = context.getComponent("liveagent", LiveAgentComponent.class).getConfiguration();
        if (config.getHostname() == null || config.getHostname().isBlank()) {
            return startEmulator(context, config);
        }
        checkOrgSettings(config);
        if (config.getApi() == LiveAgentApi.enhancedChat) {
            LOG.info("Enhanced Chat: {} (org {}, deployment {})", config.getHostname(), config.getOrganizationId(),
                    config.getEsDeveloperName());
        } else {
            LOG.info("Live Agent: {} (org {}, button {})", config.getHostname(), config.getOrganizationId(),
                    config.getButtonId());
        }
        return null;
    }

    private static LiveAgentEmulator startEmulator(CamelContext context, LiveAgentConfiguration config) {
        LiveAgentEmulator emulator = LiveAgentEmulator.builder()
                .port(0)
                .holdTime(Duration.ofSeconds(20))
                .agent(new DemoAgent())
                .build()
                .start();
        context.getRegistry().bind("liveAgentEmulator", LiveAgentEmulator.class, emulator, null, "stop");
        // the emulator serves both APIs on one port: Live Agent's /chat/rest and Enhanced Chat's /iamessage/api/v2
        config.setHostname(emulator.baseUrl());
        config.setOrganizationId(orDefault(config.getOrganizationId(), EMULATOR_ORG_ID));
        if (config.getApi() == LiveAgentApi.enhancedChat) {
            config.setEsDeveloperName(orDefault(config.getEsDeveloperName(), emulator.enhancedChat().esDeveloperName()));
            LOG.info("Enhanced Chat: no liveagent.hostname configured, using the embedded emulator at {}",
                    emulator.baseUrl());
        } else {
            config.setDeploymentId(orDefault(config.getDeploymentId(), EMULATOR_DEPLOYMENT_ID));
            config.setButtonId(orDefault(config.getButtonId(), EMULATOR_BUTTON_ID));
            LOG.info("Live Agent: no liveagent.hostname configured, using the embedded emulator at {}",
                    emulator.baseUrl());
        }
        return emulator;
    }

    /**
     * The component checks the shape of the hostname and of the ids when the routes start; what it cannot know is
     * that startChat bodies in these examples never bring the ids, so they must be configured.
     */
    static void checkOrgSettings(LiveAgentConfiguration config) {
        List<String> problems = new ArrayList<>();
        try {
            ChatServer.of(config.getHostname(), config.getApiVersion(), config.isAllowInsecureHttp());
        } catch (IllegalArgumentException e) {
            problems.add("liveagent.hostname (LIVEAGENT_HOSTNAME): " + e.getMessage());
        }
        require(problems, "organization-id", config.getOrganizationId(),
                "the org's id: 15 or 18 letters and digits starting 00D (Setup > Company Information)");
        if (config.getApi() == LiveAgentApi.enhancedChat) {
            require(problems, "es-developer-name", config.getEsDeveloperName(),
                    "the Embedded Service deployment's API name (Setup > Embedded Service Deployments > Code Snippet)");
        } else {
            require(problems, "deployment-id", config.getDeploymentId(),
                    "the chat deployment's id starting 572 (Setup > Deployments)");
            require(problems, "button-id", config.getButtonId(),
                    "the chat button's id starting 573 (Setup > Chat Buttons & Invitations)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Live Agent is not configured correctly:\n  - " + String.join("\n  - ", problems)
                                               + "\nSet these in application.properties, as environment variables or as -D"
                                               + " system properties; or unset liveagent.hostname to use the embedded emulator.");
        }
    }

    private static void require(List<String> problems, String option, String value, String shape) {
        if (value == null || value.isBlank()) {
            String env = ("LIVEAGENT_" + option).toUpperCase().replace('-', '_');
            problems.add("liveagent." + option + " (" + env + ") is missing: " + shape);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
