package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.agent.AgentBehaviours;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone:
 * {@code java -jar camel-liveagent-emulator-<version>-standalone.jar --port N [--hold-seconds S]
 * [--poll-timeout-seconds S] [--auto-agent] [--host H]}.
 */
public final class Main {

    static final String USAGE = "usage: java -jar camel-liveagent-emulator-standalone.jar [--port N] [--host H]"
            + " [--hold-seconds S] [--poll-timeout-seconds S] [--auto-agent]\n"
            + "  --port N                  port to listen on (default 0 = any free port)\n"
            + "  --host H                  interface to bind (default 127.0.0.1)\n"
            + "  --hold-seconds S          long-poll hold time before 204 (default 30)\n"
            + "  --poll-timeout-seconds S  clientPollTimeout: session expiry after a poll gap (default 40)\n"
            + "  --auto-agent              accept every chat after 1 s as \"Emulated Agent\" and echo messages";

    private Main() {
    }

    /** Entry point; exits with status 2 and the usage text on bad arguments. */
    public static void main(String[] args) throws InterruptedException {
        LiveAgentEmulator.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        LiveAgentEmulator emulator = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            stopped.countDown();
        }, "emulator-shutdown"));
        printBanner(emulator, System.out);
        stopped.await();
    }

    static void printBanner(LiveAgentEmulator emulator, PrintStream out) {
        out.println("Live Agent emulator listening on " + emulator.baseUrl());
        out.println("  Chat REST API: " + emulator.baseUrl() + "/chat/rest/");
        out.println("  Control API:   " + emulator.controlUrl() + "/");
        out.flush();
    }

    /** Turns the command line into a builder; {@link IllegalArgumentException} naming the bad argument. */
    static LiveAgentEmulator.Builder parse(String[] args) {
        LiveAgentEmulator.Builder b = LiveAgentEmulator.builder();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> b.port(intValue(a, value(args, ++i, a), 0, 65535));
                case "--host" -> b.host(value(args, ++i, a));
                case "--hold-seconds" -> b.holdTime(Duration.ofSeconds(intValue(a, value(args, ++i, a), 1, 3600)));
                case "--poll-timeout-seconds" ->
                        b.clientPollTimeout(Duration.ofSeconds(intValue(a, value(args, ++i, a), 1, 3600)));
                case "--auto-agent" -> b.agent(AgentBehaviours.autoAccept("Emulated Agent", Duration.ofSeconds(1))
                        .andThen(AgentBehaviours.echoReplies()));
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        return b;
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException("missing value for " + name);
        }
        return args[i];
    }

    private static int intValue(String name, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException("bad value for " + name + ": " + v + " (allowed " + min + ".." + max + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value for " + name + ": " + v + " is not an integer");
        }
    }
}
