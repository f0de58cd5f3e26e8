package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.agent.AgentBehaviours;
import io.github.camelliveagent.emulator.session.AbandonedPolls;
import io.github.camelliveagent.emulator.session.SequenceModel;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone:
 * {@code java -jar camel-liveagent-emulator-<version>-standalone.jar --port N [--hold-seconds S]
 * [--poll-timeout-seconds S] [--auto-agent] [--host H] [--tls-keystore FILE --tls-password P]}.
 */
public final class Main {

    /** Where the key store's password can come from instead of the command line (which other users can see). */
    static final String TLS_PASSWORD_ENV = "LIVEAGENT_EMULATOR_TLS_PASSWORD";

    static final String USAGE = "usage: java -jar camel-liveagent-emulator-standalone.jar [--port N] [--host H]"
            + " [--hold-seconds S] [--poll-timeout-seconds S] [--sequence-model M]"
            + " [--abandoned-polls P] [--auto-agent]\n"
            + "  --help                    print this text and exit\n"
            + "  --port N                  port to listen on (default 0 = any free port)\n"
            + "  --host H                  interface to bind (default 127.0.0.1)\n"
            + "  --hold-seconds S          long-poll hold time before 204 (default 30)\n"
            + "  --poll-timeout-seconds S  clientPollTimeout: session expiry after a poll gap (default 40)\n"
            + "  --sequence-model M        what a Messages reply's sequence counts: event-index (default) or\n"
            + "                            reply-counter\n"
            + "  --abandoned-polls P       a held poll whose client closed the connection: release (default) frees\n"
            + "                            the slot; hold keeps it until the server would have answered\n"
            + "  --auto-agent              accept every chat after 1 s as \"Emulated Agent\" and echo messages\n"
            + "  --tls-keystore FILE       serve https with the key and certificate of this PKCS#12 key store\n"
            + "  --tls-password P          its password (default: the environment variable " + TLS_PASSWORD_ENV + ")";

    private Main() {
    }

    /** Entry point; {@code --help} prints the usage and exits 0; bad arguments exit 2 with a message and the usage. */
    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        LiveAgentEmulator unstarted;
        try {
            // build() too: it reads the sequence-model system property, which can be wrong as well
            unstarted = parse(args).build();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        LiveAgentEmulator emulator;
        try {
            emulator = unstarted.start();
        } catch (IllegalStateException e) {
            // e.g. the port is taken, or the key store's password is wrong: say so, without a stack trace
            System.err.println("cannot start the emulator: " + e.getMessage());
            System.exit(1);
            return;
        }
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
        out.println("  Enhanced Chat: " + emulator.scrtUrl() + "/iamessage/api/v2/ and /eventrouter/v1/sse (org "
                + emulator.enhancedChat().orgId() + ", esDeveloperName " + emulator.enhancedChat().esDeveloperName() + ")");
        out.flush();
    }

    /** Turns the command line into a builder; {@link IllegalArgumentException} naming the bad argument. */
    static LiveAgentEmulator.Builder parse(String[] args) {
        return parse(args, System.getenv(TLS_PASSWORD_ENV));
    }

    /** As {@link #parse(String[])}, with the value of {@link #TLS_PASSWORD_ENV} given. */
    static LiveAgentEmulator.Builder parse(String[] args, String tlsPasswordFromEnv) {
        LiveAgentEmulator.Builder b = LiveAgentEmulator.builder();
        String tlsKeyStore = null;
        String tlsPassword = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> b.port(intValue(a, value(args, ++i, a), 0, 65535));
                case "--host" -> b.host(value(args, ++i, a));
                case "--hold-seconds" -> b.holdTime(Duration.ofSeconds(intValue(a, value(args, ++i, a), 1, 3600)));
                case "--poll-timeout-seconds" ->
                        b.clientPollTimeout(Duration.ofSeconds(intValue(a, value(args, ++i, a), 1, 3600)));
                case "--sequence-model" -> b.sequenceModel(SequenceModel.parse(value(args, ++i, a), a));
                case "--abandoned-polls" -> b.abandonedPolls(AbandonedPolls.parse(value(args, ++i, a), a));
                case "--auto-agent" -> b.agent(AgentBehaviours.autoAccept("Emulated Agent", Duration.ofSeconds(1))
                        .andThen(AgentBehaviours.echoReplies()));
                case "--tls-keystore" -> tlsKeyStore = value(args, ++i, a);
                case "--tls-password" -> tlsPassword = value(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        if (tlsPassword == null) {
            tlsPassword = tlsPasswordFromEnv;
        }
        if (tlsKeyStore != null) {
            Path keyStore = Path.of(tlsKeyStore);
            if (!Files.isReadable(keyStore) || Files.isDirectory(keyStore)) {
                throw new IllegalArgumentException("bad value for --tls-keystore: " + tlsKeyStore
                        + " is not a readable file (a PKCS#12 key store with the server's key and certificate)");
            }
            if (tlsPassword == null) {
                throw new IllegalArgumentException("--tls-keystore needs a password: --tls-password P or the environment"
                        + " variable " + TLS_PASSWORD_ENV);
            }
            b.tls(keyStore, tlsPassword);
        } else if (tlsPassword != null && tlsPasswordFromEnv == null) {
            throw new IllegalArgumentException("--tls-password without --tls-keystore");
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
