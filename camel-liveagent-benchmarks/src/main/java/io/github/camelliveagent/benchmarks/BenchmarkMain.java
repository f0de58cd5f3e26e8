package io.github.camelliveagent.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.camelliveagent.benchmarks.bakeoff.PollLoopClient;
import io.github.camelliveagent.benchmarks.jmh.HotPathBenchmarks;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole benchmark and prints one Markdown table: for every scenario (sessions × agent messages per second
 * per session) the emulator in one JVM, the client in another, first the liveagent component, then the camel-http
 * baseline, each against a fresh emulator; then the JMH micro-benchmarks. See README.md for the options.
 */
public final class BenchmarkMain {

    static final String USAGE = """
            usage: java -jar benchmarks.jar [options]
              --scenarios LIST       sessions x agent msgs/s per session, comma separated (default 100x1,1000x1,1000x20,10000x0.2)
              --clients LIST         component,baseline (default both); or the HTTP client bake-off:
                                     poll-hc5,poll-hc5min,poll-jdk,poll-vertx,poll-jetty (the same poll loop on each client)
              --baseline-max N       skip the baseline above N sessions (default 1000)
              --warmup S             seconds of load before the measured window (default 20: the JIT is still compiling the hot path for 10-15 s)
              --duration S           seconds of the measured window (default 20)
              --visitor-rate R       visitor messages per second per session (default 0.2)
              --hold-seconds S       emulator long-poll hold time (default 30)
              --client-jvm ARGS      extra JVM options of the client JVM, space separated (e.g. JFR)
              --client-heap SIZE     -Xmx of the client JVM (default 2g)
              --emulator-heap SIZE   -Xmx of the emulator JVM (default 4g)
              --no-jmh | --only-jmh  skip / only run the JMH micro-benchmarks
              --jmh-forks N          JMH forks (default 1); iterations: 2 x 1 s warm-up, 3 x 1 s measured
              --out FILE             also write the table there (default target/benchmark-results.md)
            """;

    private final Map<String, String> opts = new LinkedHashMap<>();
    private final String jar;
    private final String java;
    private final Path logs;

    private BenchmarkMain(String[] args) {
        opts.put("scenarios", "100x1,1000x1,1000x20,10000x0.2");
        opts.put("clients", "component,baseline");
        opts.put("baseline-max", "1000");
        opts.put("warmup", "20");
        opts.put("duration", "20");
        opts.put("visitor-rate", "0.2");
        opts.put("hold-seconds", "30");
        opts.put("client-jvm", "");
        opts.put("client-heap", "2g");
        opts.put("emulator-heap", "4g");
        opts.put("jmh-forks", "1");
        opts.put("out", "target/benchmark-results.md");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-jmh") || a.equals("--only-jmh")) {
                opts.put(a.substring(2), "true");
            } else if (a.startsWith("--") && i + 1 < args.length && opts.containsKey(a.substring(2))) {
                opts.put(a.substring(2), args[++i]);
            } else {
                System.err.println("bad argument: " + a);
                System.err.print(USAGE);
                System.exit(2);
            }
        }
        jar = System.getProperty("java.class.path");
        java = ProcessHandle.current().info().command().orElse("java");
        logs = Path.of("target", "benchmark-logs");
    }

    public static void main(String[] args) throws Exception {
        new BenchmarkMain(args).run();
    }

    record Scenario(int sessions, double rate) {
        String label() {
            return String.format(Locale.ROOT, "%,d × %s/s", sessions, rate == Math.rint(rate) ? String.valueOf((long) rate)
                    : String.valueOf(rate));
        }
    }

    record Outcome(Map<String, String> ready, Map<String, String> result, Map<String, String> emulator, String failure,
                   double loadBefore, double loadAfter) {
        String get(String k) {
            if (result != null && result.containsKey(k)) {
                return result.get(k);
            }
            if (ready != null && ready.containsKey(k)) {
                return ready.get(k);
            }
            return emulator != null ? emulator.get(k) : null;
        }
    }

    private void run() throws Exception {
        Files.createDirectories(logs);
        StringBuilder md = new StringBuilder();
        String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        md.append("Run ").append(date).append(", load average before: ").append(loadAvgLine()).append('\n');
        md.append("Options: ").append(opts).append("\n\n");
        if (!opts.containsKey("only-jmh")) {
            List<Scenario> scenarios = Arrays.stream(opts.get("scenarios").split(",")).map(String::trim)
                    .map(s -> s.split("x")).map(p -> new Scenario(Integer.parseInt(p[0]), Double.parseDouble(p[1])))
                    .toList();
            List<String> clients = List.of(opts.get("clients").split(","));
            Map<Scenario, Map<String, Outcome>> all = new LinkedHashMap<>();
            for (Scenario s : scenarios) {
                Map<String, Outcome> byClient = new LinkedHashMap<>();
                for (String c : clients) {
                    if (c.equals("baseline") && s.sessions() > Integer.parseInt(opts.get("baseline-max"))) {
                        continue;
                    }
                    System.err.printf("=== %s, %s ===%n", s.label(), c);
                    Outcome o = runOne(s, c);
                    System.err.println("    " + (o.failure() != null ? "FAILED: " + o.failure() : o.result()));
                    byClient.put(c, o);
                }
                all.put(s, byClient);
            }
            md.append(clients.stream().anyMatch(PollLoopClient::handles) ? bakeoffTable(all, clients) : loadTable(all));
        }
        if (!opts.containsKey("no-jmh")) {
            md.append('\n').append(jmh());
        }
        md.append("\nLoad average after: ").append(loadAvgLine()).append('\n');
        System.out.println();
        System.out.println(md);
        Path out = Path.of(opts.get("out"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, md.toString());
        System.err.println("written to " + out.toAbsolutePath());
    }

    // ------------------------------------------------------------------ one run: emulator JVM + client JVM

    private Outcome runOne(Scenario s, String client) throws Exception {
        double warm = Double.parseDouble(opts.get("warmup"));
        double duration = Double.parseDouble(opts.get("duration"));
        String tag = s.sessions() + "x" + s.rate() + "-" + client;
        double loadBefore = loadAvg();
        Process emu = start(tag + "-emulator", List.of("-Xmx" + opts.get("emulator-heap"), "-XX:+UseParallelGC"),
                EmulatorProcess.class, List.of(opts.get("hold-seconds")));
        Process cli = null;
        try {
            BufferedReader emuOut = reader(emu);
            String port = expect(emuOut, "PORT", 60).get("_");
            List<String> jvm = new ArrayList<>(List.of("-Xms" + opts.get("client-heap"), "-Xmx" + opts.get("client-heap")));
            if (!opts.get("client-jvm").isBlank()) {
                jvm.addAll(List.of(opts.get("client-jvm").trim().split("\\s+")));
            }
            cli = start(tag + "-client", jvm, ClientProcess.class,
                    List.of(client, "http://127.0.0.1:" + port, String.valueOf(s.sessions()), opts.get("visitor-rate")));
            BufferedReader cliOut = reader(cli);
            Map<String, String> ready = expect(cliOut, "READY", 400);
            emu.getOutputStream().write("HELD\n".getBytes(StandardCharsets.UTF_8));
            emu.getOutputStream().flush();
            Map<String, String> held = expect(emuOut, "HELD", 30);
            long start = Clock.micros() + 1_500_000;
            long windowStart = start + (long) (warm * 1e6);
            long end = windowStart + (long) (duration * 1e6);
            long capacity = (long) (s.sessions() * s.rate() * (warm + duration) * 1.2) + 10_000;
            send(emu, "LOAD " + s.rate() + " " + start + " " + windowStart + " " + end);
            send(cli, "RUN " + start + " " + windowStart + " " + end + " " + capacity);
            Map<String, String> sent = expect(emuOut, "SENT", (long) (warm + duration) + 120);
            Map<String, String> result = expect(cliOut, "RESULT", 120);
            Map<String, String> emuFigures = new LinkedHashMap<>();
            emuFigures.put("heldAtIdle", held.get("_"));
            String[] sentParts = sent.get("_").split(" ");
            emuFigures.put("sentTotal", sentParts[0]);
            emuFigures.put("sentInWindow", sentParts[1]);
            emuFigures.put("sendErrors", sentParts[2]);
            emuFigures.put("activeSessions", sentParts[3]);
            emuFigures.put("emulatorCores", sentParts[4]);
            return new Outcome(ready, result, emuFigures, null, loadBefore, loadAvg());
        } catch (Exception e) {
            return new Outcome(null, null, null, e.getMessage(), loadBefore, loadAvg());
        } finally {
            try {
                send(emu, "QUIT");
            } catch (IOException ignored) {
                // already gone
            }
            stop(cli);
            stop(emu);
            Thread.sleep(2000);
        }
    }

    private Process start(String tag, List<String> jvmArgs, Class<?> main, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-cp");
        cmd.add(jar);
        cmd.add(main.getName());
        cmd.addAll(args);
        File log = logs.resolve(tag + ".log").toFile();
        return new ProcessBuilder(cmd).redirectError(log).start();
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void send(Process p, String line) throws IOException {
        p.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
    }

    /** Reads lines until one starts with {@code tag}; returns its k=v pairs (and the raw rest under "_"). */
    private static Map<String, String> expect(BufferedReader in, String tag, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String[] holder = new String[1];
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith(tag + " ") || line.startsWith("FAILED")) {
                        holder[0] = line;
                        return;
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
        });
        t.setDaemon(true);
        t.start();
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        String line = holder[0];
        if (line == null) {
            throw new IllegalStateException("no " + tag + " line within " + timeoutSeconds + " s (see target/benchmark-logs)");
        }
        if (line.startsWith("FAILED")) {
            throw new IllegalStateException(line);
        }
        Map<String, String> m = new LinkedHashMap<>();
        String rest = line.substring(tag.length()).trim();
        m.put("_", rest);
        for (String kv : rest.split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    private static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    // ------------------------------------------------------------------ table

    private String loadTable(Map<Scenario, Map<String, Outcome>> all) {
        StringBuilder b = new StringBuilder();
        b.append("### Load: liveagent component vs. camel-http + timer baseline\n\n");
        b.append("Ratio = component ÷ baseline (below 1 is better for the component where lower is better).\n\n");
        for (Map.Entry<Scenario, Map<String, Outcome>> e : all.entrySet()) {
            Scenario s = e.getKey();
            Outcome c = e.getValue().get("component");
            Outcome base = e.getValue().get("baseline");
            b.append("#### ").append(s.label()).append(" per session (offered ")
                    .append(String.format(Locale.ROOT, "%,.0f", s.sessions() * s.rate())).append(" agent msgs/s)\n\n");
            b.append("| figure | component | baseline | ratio |\n|---|---:|---:|---:|\n");
            row(b, "chats established; open time (s)", c, base, o -> o.get("openSeconds"), false);
            row(b, "polls held at idle (emulator's count)", c, base, o -> o.get("heldAtIdle"), false);
            row(b, "live threads, idle", c, base, o -> o.get("idleThreads"), true);
            row(b, "live threads, peak under load", c, base, o -> o.get("peakThreads"), true);
            row(b, "heap per idle session (KB)", c, base, o -> kb(o.get("heapPerSessionBytes")), true);
            row(b, "RSS per idle session (KB)", c, base, o -> o.get("rssPerSessionKb"), true);
            row(b, "agent msgs sent in window (emulator)", c, base, o -> o.get("sentInWindow"), false);
            row(b, "... of which delivered to the route", c, base, o -> o.get("received"), false);
            row(b, "delivered msgs/s", c, base, o -> o.get("perSecond"), true);
            row(b, "latency p50 (ms)", c, base, o -> ms(o.get("p50Micros")), true);
            row(b, "latency p99 (ms)", c, base, o -> ms(o.get("p99Micros")), true);
            row(b, "latency max (ms)", c, base, o -> ms(o.get("maxMicros")), true);
            row(b, "Messages polls answered/s (component's count)", c, base, o -> o.get("roundTripsPerSecond"), false);
            row(b, "CPU per delivered msg (µs)", c, base, o -> o.get("cpuMicrosPerMessage"), true);
            row(b, "CPU used (cores of 2)", c, base, o -> o.get("cpuCores"), true);
            row(b, "emulator JVM CPU (cores of 2)", c, base, o -> o.get("emulatorCores"), false);
            row(b, "... of it in the kernel (%)", c, base, o -> o.get("cpuSystemPercent"), false);
            row(b, "GC time in window (ms)", c, base, o -> o.get("gcMillis"), true);
            row(b, "JIT compilation in window (ms)", c, base, o -> o.get("jitMillis"), false);
            row(b, "allocated per delivered msg (KB)", c, base, o -> kb(o.get("allocBytesPerMessage")), true);
            row(b, "allocation rate (MB/s)", c, base, o -> o.get("allocMbPerSecond"), true);
            row(b, "visitor msg failures", c, base, o -> o.get("visitorFailures"), false);
            row(b, "load avg before → after", c, base,
                    o -> String.format(Locale.ROOT, "%.2f → %.2f", o.loadBefore(), o.loadAfter()), false);
            if (c != null && c.failure() != null) {
                b.append("\ncomponent failed: ").append(c.failure()).append('\n');
            }
            if (base != null && base.failure() != null) {
                b.append("\nbaseline failed: ").append(base.failure()).append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** One column per client, each followed by its ratio to the first client's figure. */
    private String bakeoffTable(Map<Scenario, Map<String, Outcome>> all, List<String> clients) {
        StringBuilder b = new StringBuilder();
        b.append("### HTTP client bake-off: the same Messages poll loop on each client\n\n");
        b.append("Ratio = client ÷ ").append(clients.get(0)).append(" (below 1 is better where lower is better).\n\n");
        for (Map.Entry<Scenario, Map<String, Outcome>> e : all.entrySet()) {
            Scenario s = e.getKey();
            b.append("#### ").append(s.label()).append(" per session (offered ")
                    .append(String.format(Locale.ROOT, "%,.0f", s.sessions() * s.rate())).append(" agent msgs/s)\n\n");
            b.append("| figure |");
            clients.forEach(c -> b.append(' ').append(c).append(" | ratio |"));
            b.append("\n|---|");
            clients.forEach(c -> b.append("---:|---:|"));
            b.append('\n');
            Outcome first = e.getValue().get(clients.get(0));
            multiRow(b, "polls held at idle (emulator's count)", clients, e.getValue(), first, o -> o.get("heldAtIdle"), false);
            multiRow(b, "live threads, idle", clients, e.getValue(), first, o -> o.get("idleThreads"), true);
            multiRow(b, "heap per idle session (KB)", clients, e.getValue(), first, o -> kb(o.get("heapPerSessionBytes")), true);
            multiRow(b, "poll round trips/s in window", clients, e.getValue(), first, o -> o.get("roundTripsPerSecond"), true);
            multiRow(b, "CPU per poll round trip (µs)", clients, e.getValue(), first, o -> o.get("cpuMicrosPerRoundTrip"), true);
            multiRow(b, "allocated per poll round trip (KB)", clients, e.getValue(), first,
                    o -> kb(o.get("allocBytesPerRoundTrip")), true);
            multiRow(b, "CPU used (cores of 2)", clients, e.getValue(), first, o -> o.get("cpuCores"), true);
            multiRow(b, "GC time in window (ms)", clients, e.getValue(), first, o -> o.get("gcMillis"), true);
            multiRow(b, "JIT compilation in window (ms)", clients, e.getValue(), first, o -> o.get("jitMillis"), false);
            multiRow(b, "latency p50 (ms)", clients, e.getValue(), first, o -> ms(o.get("p50Micros")), true);
            multiRow(b, "latency p99 (ms)", clients, e.getValue(), first, o -> ms(o.get("p99Micros")), true);
            multiRow(b, "agent msgs sent in window / delivered", clients, e.getValue(), first,
                    o -> o.get("sentInWindow") + " / " + o.get("received"), false);
            multiRow(b, "failed polls", clients, e.getValue(), first, o -> o.get("pollFailures"), false);
            multiRow(b, "emulator JVM CPU (cores of 2)", clients, e.getValue(), first, o -> o.get("emulatorCores"), false);
            multiRow(b, "load avg before → after", clients, e.getValue(), first,
                    o -> String.format(Locale.ROOT, "%.2f → %.2f", o.loadBefore(), o.loadAfter()), false);
            e.getValue().forEach((c, o) -> {
                if (o.failure() != null) {
                    b.append("\n").append(c).append(" failed: ").append(o.failure()).append('\n');
                }
            });
            b.append('\n');
        }
        return b.toString();
    }

    private static void multiRow(StringBuilder b, String name, List<String> clients, Map<String, Outcome> byClient,
                                 Outcome first, Function<Outcome, String> f, boolean ratio) {
        b.append("| ").append(name).append(" |");
        String fv = value(first, f);
        for (String c : clients) {
            String v = value(byClient.get(c), f);
            b.append(' ').append(v).append(" | ").append(ratio ? ratio(v, fv) : "").append(" |");
        }
        b.append('\n');
    }

    private static String ratio(String x, String y) {
        try {
            double a = Double.parseDouble(x.replace(",", ""));
            double d = Double.parseDouble(y.replace(",", ""));
            return d == 0 ? "" : String.format(Locale.ROOT, "%.3g", a / d);
        } catch (NumberFormatException | NullPointerException ignored) {
            return ""; // a side is missing
        }
    }

    private static void row(StringBuilder b, String name, Outcome c, Outcome base, Function<Outcome, String> f,
                            boolean ratio) {
        String cv = value(c, f);
        String bv = value(base, f);
        String r = "";
        if (ratio) {
            try {
                double x = Double.parseDouble(cv.replace(",", ""));
                double y = Double.parseDouble(bv.replace(",", ""));
                if (y != 0) {
                    r = String.format(Locale.ROOT, "%.3g", x / y);
                }
            } catch (NumberFormatException | NullPointerException ignored) {
                // a side is missing
            }
        }
        b.append("| ").append(name).append(" | ").append(cv).append(" | ").append(bv).append(" | ").append(r)
                .append(" |\n");
    }

    private static String value(Outcome o, Function<Outcome, String> f) {
        if (o == null) {
            return "not run";
        }
        if (o.failure() != null) {
            return "failed";
        }
        String v = f.apply(o);
        return v == null ? "–" : v;
    }

    private static String kb(String bytes) {
        return bytes == null || bytes.startsWith("-") ? null : String.format(Locale.ROOT, "%.1f", Long.parseLong(bytes) / 1024.0);
    }

    private static String ms(String micros) {
        return micros == null ? null : String.format(Locale.ROOT, "%.2f", Long.parseLong(micros) / 1000.0);
    }

    // ------------------------------------------------------------------ JMH

    private String jmh() throws Exception {
        Options o = new OptionsBuilder()
                .include(HotPathBenchmarks.class.getName())
                .forks(Integer.parseInt(opts.get("jmh-forks")))
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class)
                .jvmArgs("-Xmx1g")
                .build();
        Collection<RunResult> results = new Runner(o).run();
        StringBuilder b = new StringBuilder("### JMH micro-benchmarks (hot paths)\n\n");
        b.append("| benchmark | ns/op | ± error | allocated B/op |\n|---|---:|---:|---:|\n");
        for (RunResult r : results) {
            Result<?> p = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            String name = r.getParams().getBenchmark();
            b.append("| ").append(name.substring(name.lastIndexOf('.') + 1)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", p.getScore())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", p.getScoreError())).append(" | ")
                    .append(alloc == null ? "–" : String.format(Locale.ROOT, "%.0f", alloc.getScore())).append(" |\n");
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ machine load

    private static double loadAvg() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return -1;
        }
    }

    private static String loadAvgLine() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }

    @SuppressWarnings("unused")
    private static void write(Writer w, String s) {
        new PrintWriter(w).print(s);
    }
}
