package io.github.camelliveagent.examples.demo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.github.camelliveagent.component.LiveAgentApi;
import io.github.camelliveagent.component.LiveAgentComponent;
import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.examples.bot.VisitorChannel;
import io.github.camelliveagent.examples.events.EventsToQueueRoute;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.MainSupport;
import org.apache.camel.spi.BrowsableEndpoint;
import org.apache.camel.util.TimeUtils;

/**
 * The demo: once the application has started, a visitor named Ada talks to the bot on the visitor channel, asks for a
 * person and chats with the agent until the agent ends the chat. It prints what Ada sees, the transcript the database
 * got, and how many messages and rows the examples produced; then the application stops (unless
 * {@code demo.keepRunning=true}).
 */
public class DemoConversation extends MainListenerSupport {

    private static final String VISITOR_ID = "demo-visitor-1";
    private static final String VISITOR_NAME = "Ada";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final String DB = "?dataSource=#transcriptDb";

    private final MainSupport main;
    private volatile boolean failed;

    private CamelContext context;
    private ProducerTemplate producer;
    private ConsumerTemplate consumer;
    private Duration replyTimeout;

    public DemoConversation(MainSupport main) {
        this.main = main;
    }

    /** True if the demo conversation did not complete. */
    public boolean failed() {
        return failed;
    }

    @Override
    public void afterStart(BaseMainSupport m) {
        context = m.getCamelContext();
        if (!Boolean.parseBoolean(property("demo.enabled", "true"))) {
            return;
        }
        Thread visitor = new Thread(this::runDemo, "demo-visitor");
        visitor.setDaemon(true);
        visitor.start();
    }

    private void runDemo() {
        boolean keepRunning = Boolean.parseBoolean(property("demo.keepRunning", "false"));
        try {
            replyTimeout = Duration.ofMillis(TimeUtils.toMilliSeconds(property("demo.replyTimeout", "120s")));
            producer = context.createProducerTemplate();
            consumer = context.createConsumerTemplate();
            Instant start = Instant.now();
            converse();
            report(start);
        } catch (Exception e) {
            failed = true;
            System.out.println();
            System.out.println("The demo failed: " + e.getMessage());
        }
        if (keepRunning && !failed) {
            LiveAgentEmulator emulator = context.getRegistry().lookupByNameAndType("liveAgentEmulator", LiveAgentEmulator.class);
            System.out.println();
            System.out.println("Still running (demo.keepRunning=true); Ctrl+C stops."
                               + (emulator != null ? " Emulator control API: " + emulator.controlUrl() + "/sessions" : ""));
        } else {
            main.completed();
        }
    }

    private void converse() {
        LiveAgentEmulator emulator = context.getRegistry().lookupByNameAndType("liveAgentEmulator", LiveAgentEmulator.class);
        System.out.println();
        String api = context.getComponent("liveagent", LiveAgentComponent.class)
                .getConfiguration().getApi() == LiveAgentApi.enhancedChat
                ? "Enhanced Chat" : "Live Agent";
        System.out.println("== Demo conversation on the visitor channel (" + VISITOR_NAME + " is the visitor; " + api + ": "
                           + (emulator != null ? "embedded emulator, " + DemoAgent.NAME + " answers" : "your org") + ")");
        say("Hello");
        awaitLine(isFrom("bot"), "the bot's answer");
        say("When do you ship orders?");
        awaitLine(isFrom("bot"), "the bot's answer");
        say("My parcel 4711 has not arrived. Can I talk to a person, please?");
        awaitLine(isFrom("agent"), "the agent's first message");
        say("It was ordered on Monday.");
        awaitLine(isFrom("agent"), "the agent's answer");
        say("No, that is all. Thank you!");
        if (!tryAwaitLine(isEvent("chatEnded"))) {
            say("bye");     // the agent did not end the chat: the visitor does
            awaitLine(isEvent("chatEnded"), "the end of the chat");
        }
    }

    private void report(Instant start) throws InterruptedException {
        Map<String, Object> chat = awaitTranscriptRow(start);
        String sessionId = (String) value(chat, "session_id");
        List<Map<String, Object>> lines = producer.requestBodyAndHeader(
                "sql:select said_at, speaker, speaker_name, message from chat_transcript_line"
                + " where session_id = :#sid order by line_no" + DB, null, "sid", sessionId, List.class);
        System.out.println();
        System.out.println("== Transcript in the database (chat " + sessionId + ", agent " + value(chat, "agent_name")
                           + ", ended by " + value(chat, "end_reason") + ")");
        for (Map<String, Object> line : lines) {
            String text = String.valueOf(value(line, "message")).replace("\n", "\n" + " ".repeat(29));
            System.out.printf("%s  %-13s %s%n", time((Timestamp) value(line, "said_at")),
                    value(line, "speaker_name"), text);
        }

        String queueName = property("examples.events.queue", "liveagent.events");
        BrowsableEndpoint queue = context.getEndpoint("jms:queue:" + queueName, BrowsableEndpoint.class);
        Map<String, Integer> byType = new TreeMap<>();
        for (Exchange e : queue.getExchanges()) {
            byType.merge(e.getMessage().getHeader(EventsToQueueRoute.MESSAGE_TYPE, "?", String.class), 1, Integer::sum);
        }
        Number chats = producer.requestBody("sql:select count(*) from chat_transcript" + DB + "&outputType=SelectOne", null, Number.class);
        Number rows = producer.requestBody("sql:select count(*) from chat_transcript_line" + DB + "&outputType=SelectOne", null, Number.class);
        System.out.println();
        System.out.println("== Counts");
        System.out.printf("JMS queue %-24s %3d messages %s%n", queueName,
                byType.values().stream().mapToInt(Integer::intValue).sum(), byType);
        System.out.printf("DB table  %-24s %3d rows%n", "chat_transcript", chats.intValue());
        System.out.printf("DB table  %-24s %3d rows%n", "chat_transcript_line", rows.intValue());
    }

    private Map<String, Object> awaitTranscriptRow(Instant since) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> rows = producer.requestBodyAndHeader(
                    "sql:select * from chat_transcript where ended_at >= :#since order by ended_at desc" + DB, null,
                    "since", Timestamp.from(since), List.class);
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            Thread.sleep(100); // polling a table: nothing to wait on
        }
        throw new IllegalStateException("no transcript reached the database within 30 s");
    }

    // ---- the visitor's side of the channel -----------------------------------------------------------------------

    private void say(String text) {
        print(LocalTime.now(), VISITOR_NAME, text);
        producer.sendBodyAndHeaders("jms:queue:" + property("examples.visitor.in", "visitor.in"), text,
                Map.of(VisitorChannel.VISITOR_ID, VISITOR_ID, VisitorChannel.VISITOR_NAME, VISITOR_NAME));
    }

    private void awaitLine(Predicate<Message> until, String what) {
        if (!tryAwaitLine(until)) {
            throw new IllegalStateException("no " + what + " within " + TimeUtils.printDuration(replyTimeout));
        }
    }

    /** Prints what the visitor is shown until a line matches; false on timeout. */
    private boolean tryAwaitLine(Predicate<Message> until) {
        long deadline = System.nanoTime() + replyTimeout.toNanos();
        String out = "jms:queue:" + property("examples.visitor.out", "visitor.out");
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            Exchange received = consumer.receive(out, left);
            if (received == null) {
                return false;
            }
            Message m = received.getMessage();
            String sender = m.getHeader(VisitorChannel.SENDER, String.class);
            print(LocalTime.now(), "system".equals(sender) ? "" : m.getHeader(VisitorChannel.SENDER_NAME, String.class),
                    ("system".equals(sender) ? "* " : "") + m.getBody(String.class));
            if ("noAgent".equals(m.getHeader(VisitorChannel.EVENT))) {
                throw new IllegalStateException("no agent took the chat");
            }
            if (until.test(m)) {
                return true;
            }
        }
    }

    private static Predicate<Message> isFrom(String sender) {
        return m -> sender.equals(m.getHeader(VisitorChannel.SENDER));
    }

    private static Predicate<Message> isEvent(String event) {
        return m -> event.equals(m.getHeader(VisitorChannel.EVENT));
    }

    private static void print(LocalTime at, String who, String text) {
        System.out.printf("%s  %-13s %s%n", at.format(TIME), who == null ? "" : who, text);
    }

    private static String time(Timestamp t) {
        return t.toInstant().atZone(ZoneId.systemDefault()).format(TIME);
    }

    /** A column of a row, whatever case the database gives column names. */
    private static Object value(Map<String, Object> row, String column) {
        return row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private String property(String key, String defaultValue) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(defaultValue);
    }
}
