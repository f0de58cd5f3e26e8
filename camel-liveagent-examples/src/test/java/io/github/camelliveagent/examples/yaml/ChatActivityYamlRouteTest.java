package io.github.camelliveagent.examples.yaml;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.examples.ExamplesTestSupport;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The YAML route, loaded from the classpath as Camel Main loads it, with a mock added after its last step. */
class ChatActivityYamlRouteTest extends ExamplesTestSupport {

    @Override
    public void configureTest(TestExecutionConfiguration testConfiguration) {
        super.configureTest(testConfiguration);
        testConfiguration.withUseAdviceWith(true);
    }

    @BeforeEach
    void loadYamlRoute() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/chat-activity.yaml"));
        AdviceWith.adviceWith(context, "chat-activity", route -> route.weaveAddLast().to("mock:activity"));
        context.start();
    }

    @Test
    void oneLineWhenTheAgentJoinsAndOneWhenTheChatEnds() throws Exception {
        MockEndpoint activity = getMockEndpoint("mock:activity");
        String id = startChat();
        EmulatedSession agent = serverSide(id);
        agent.accept(AGENT);
        agent.agentMessage("not logged");
        agent.endChat();

        activity.expectedBodiesReceived("Chat " + id + ": Agent Smith joined", "Chat " + id + ": ended by agent");
        activity.assertIsSatisfied(10_000);
    }

    @Test
    void oneLineWhenNoAgentTakesTheChat() throws Exception {
        emulator().setAvailable("573000000000001", false);
        MockEndpoint activity = getMockEndpoint("mock:activity");
        String id = startChat();

        activity.expectedBodiesReceived("Chat " + id + ": no agent (Unavailable)");
        activity.assertIsSatisfied(10_000);
    }
}
