package io.github.camelliveagent.examples;

import io.github.camelliveagent.examples.bot.ChatbotHandOffRoute;
import io.github.camelliveagent.examples.demo.DemoConversation;
import io.github.camelliveagent.examples.events.EventsToQueueRoute;
import io.github.camelliveagent.examples.transcript.TranscriptRoute;
import org.apache.camel.main.Main;

/**
 * The examples as one Camel Main application: the three Java routes, the YAML route (routes/chat-activity.yaml), and a
 * demo conversation. Configuration: {@code application.properties}, environment variables, system properties.
 */
public final class ExamplesApplication {

    private ExamplesApplication() {
    }

    public static void main(String... args) throws Exception {
        Main main = createMain();
        DemoConversation demo = new DemoConversation(main);
        main.addMainListener(demo);
        int exitCode = 1;
        try {
            exitCode = main.run(args);
        } catch (Exception e) {
            reportStartUpFailure(e);
        } finally {
            // exit even if a library left a non-daemon thread behind
            System.exit(demo.failed() ? 1 : exitCode);
        }
    }

    /** A configuration error is told in one message that names the property; anything else with its stack trace. */
    private static void reportStartUpFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                System.err.println("The application cannot start: " + t.getMessage());
                return;
            }
        }
        System.err.println("The application cannot start:");
        e.printStackTrace();
    }

    /** The application without the demo. */
    public static Main createMain() {
        Main main = new Main();
        main.configure().addRoutesBuilder(new EventsToQueueRoute());
        main.configure().addRoutesBuilder(new ChatbotHandOffRoute());
        main.configure().addRoutesBuilder(new TranscriptRoute());
        main.addMainListener(new ExamplesSetup());
        return main;
    }
}
