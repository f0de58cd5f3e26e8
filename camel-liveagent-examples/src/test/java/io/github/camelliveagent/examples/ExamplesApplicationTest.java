package io.github.camelliveagent.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.camelliveagent.examples.demo.DemoConversation;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The application as the README runs it: Camel Main, application.properties, the demo. */
class ExamplesApplicationTest {

    @Test
    void theDemoRunsAConversationThroughAllExamplesAndStops() throws Exception {
        String out = runDemo(Map.of("examples.db.url", "jdbc:h2:mem:demo-test;DB_CLOSE_DELAY=-1"));
        assertThat(out).contains("(Ada is the visitor; Live Agent: embedded emulator");
        assertThat(out).contains("JMS queue liveagent.events           9 messages {AgentTyping=3, ChatEnded=1,"
                                 + " ChatEstablished=1, ChatMessage=3, ChatRequestSuccess=1}");
    }

    /** The same routes over Salesforce's successor API, by one property (the emulator serves both). */
    @Test
    void theDemoRunsOverEnhancedChatByOneProperty() throws Exception {
        // a queue of its own: an embedded broker that a failed start-up in this JVM left behind keeps its queues
        String out = runDemo(Map.of("examples.db.url", "jdbc:h2:mem:demo-test-ec;DB_CLOSE_DELAY=-1",
                "examples.events.queue", "liveagent.events.enhanced", "liveagent.api", "enhancedChat"));
        assertThat(out).contains("(Ada is the visitor; Enhanced Chat: embedded emulator");
        // Enhanced Chat has one kind of event more: the messaging session's status (Waiting, Active, Ended)
        assertThat(out).containsPattern("JMS queue liveagent.events.enhanced +12 messages \\{AgentTyping=3, ChatEnded=1,"
                                        + " ChatEstablished=1, ChatMessage=3, ChatRequestSuccess=1, SessionStatusChanged=3}");
    }

    private static String runDemo(Map<String, String> properties) throws Exception {
        Main main = ExamplesApplication.createMain();
        properties.forEach(main::addOverrideProperty);
        DemoConversation demo = new DemoConversation(main);
        main.addMainListener(demo);

        String out = capturingStdout(() -> assertThat(main.run(new String[0])).isZero());

        assertThat(demo.failed()).as(out).isFalse();
        // what the visitor saw, in order: bot, hand-off, agent joins, types, answers, leaves
        assertThat(out).containsSubsequence(
                "Ada           Hello",
                "Acme bot      Hello!",
                "Ada           My parcel 4711 has not arrived. Can I talk to a person, please?",
                "* I am connecting you to a person",
                "* Agent Smith joined the chat.",
                "* Agent Smith is typing...",
                "Agent Smith   Hello, I am Agent Smith.",
                "Agent Smith   You are welcome. Goodbye!",
                "* Agent Smith left the chat.");
        // the transcript read back from the database, and the counts
        assertThat(out).containsSubsequence(
                "== Transcript in the database", "agent Agent Smith, ended by agent",
                "Acme bot      [Acme bot] Ada talked to the bot", "Ada           It was ordered on Monday.",
                "== Counts", "JMS queue liveagent.events",
                "DB table  chat_transcript            1 rows",
                "DB table  chat_transcript_line       6 rows");
        return out;
    }

    @Test
    void anEnhancedChatOrgWithoutItsDeploymentNameStopsTheStartUpNamingIt() {
        Throwable failure = startWith(Map.of("liveagent.api", "enhancedChat",
                "liveagent.hostname", "https://acme.my.salesforce-scrt.com.example.invalid",
                "liveagent.organization-id", "00D000000000001"));

        assertThat(failure).hasMessageContaining("liveagent.es-developer-name (LIVEAGENT_ES_DEVELOPER_NAME) is missing")
                .hasMessageNotContaining("liveagent.button-id");
    }

    @Test
    void anOrgWithoutIdsStopsTheStartUpNamingEachMissingProperty() {
        Throwable failure = startWith(Map.of("liveagent.hostname", "https://d.la1-c1-xyz.example.invalid"));

        assertThat(failure).hasMessageContaining("liveagent.organization-id")
                .hasMessageContaining("LIVEAGENT_ORGANIZATION_ID")
                .hasMessageContaining("starting 00D")
                .hasMessageContaining("liveagent.deployment-id")
                .hasMessageContaining("liveagent.button-id");
    }

    @Test
    void aMalformedHostnameStopsTheStartUp() {
        Throwable failure = startWith(Map.of(
                "liveagent.hostname", "ftp://d.la1-c1-xyz.example.invalid",
                "liveagent.organization-id", "00D000000000001",
                "liveagent.deployment-id", "572000000000001",
                "liveagent.button-id", "573000000000001"));

        assertThat(failure).hasMessageContaining("liveagent.hostname (LIVEAGENT_HOSTNAME)")
                .hasMessageContaining("must be an https URL with a host, e.g. https://");
    }

    @Test
    void aMalformedIdStopsTheStartUpBeforeAnyChat() {
        Throwable failure = startWith(Map.of(
                "liveagent.hostname", "https://d.la1-c1-xyz.example.invalid",
                "liveagent.organization-id", "00D-not-an-id",
                "liveagent.deployment-id", "572000000000001",
                "liveagent.button-id", "573000000000001"));

        assertThat(failure).hasStackTraceContaining("organizationId '00D-not-an-id' is not a Salesforce id")
                .hasStackTraceContaining("15 or 18 letters and digits, starting 00D");
    }

    private static Throwable startWith(Map<String, String> properties) {
        Main main = ExamplesApplication.createMain();
        properties.forEach(main::addOverrideProperty);
        main.addOverrideProperty("examples.db.url", "jdbc:h2:mem:config-test;DB_CLOSE_DELAY=-1");
        Throwable failure = catchThrowable(main::run);
        assertThat(failure).as("start-up must fail").isNotNull();
        return failure;
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String capturingStdout(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }
}
