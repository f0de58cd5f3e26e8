package io.github.camelliveagent.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.github.camelliveagent.benchmarks.bakeoff.PollLoopClient;

/**
 * The client's JVM in a benchmark run (component or baseline): opens the chats, reports its idle figures, then on
 * {@code RUN startMicros windowStartMicros endMicros} sends visitor messages while the emulator sends agent
 * messages, and reports latency, rate and CPU for the window. Protocol lines: {@code READY k=v…}, {@code RESULT k=v…}.
 */
public final class ClientProcess {

    private ClientProcess() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String baseUrl = args[1];
        int sessions = Integer.parseInt(args[2]);
        double visitorRate = Double.parseDouble(args[3]);
        Recorder recorder = new Recorder();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, Object> ready = new LinkedHashMap<>();
        try (LoadClient client = "component".equals(mode) ? new ComponentClient()
                : PollLoopClient.handles(mode) ? new PollLoopClient(mode) : new BaselineClient()) {
            client.start(baseUrl, sessions, recorder);
            long heapBefore = settledHeap();
            long rssBefore = rssKb();
            long t0 = System.nanoTime();
            client.openSessions(sessions, 600_000);
            ready.put("openSeconds", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
            Thread.sleep(3000); // every chat back in its held poll
            long heapAfter = settledHeap();
            long rssAfter = rssKb();
            ready.put("idleThreads", threads.getThreadCount());
            ready.put("heapPerSessionBytes", (heapAfter - heapBefore) / sessions);
            ready.put("rssPerSessionKb", (rssAfter - rssBefore) / sessions);
            ready.put("heapUsedMb", heapAfter >> 20);
            ready.put("pollsInFlight", client.pollsInFlight());
            print("READY", ready);

            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String[] run = in.readLine().trim().split("\\s+");
            long start = Long.parseLong(run[1]);
            long windowStart = Long.parseLong(run[2]);
            long end = Long.parseLong(run[3]);
            recorder.arm(Integer.parseInt(run[4]));
            threads.resetPeakThreadCount();

            Thread visitor = new Thread(() -> sendVisitorMessages(client, sessions, visitorRate, start, end),
                    "bench-visitor");
            visitor.setDaemon(true);
            visitor.start();
            sleepUntil(windowStart);
            long cpu0 = os.getProcessCpuTime();
            long gc0 = gcMillis();
            long jit0 = jitMillis();
            long[] ticks0 = cpuTicks();
            long alloc0 = Allocation.totalBytes();
            long trips0 = client.pollRoundTrips();
            sleepUntil(end);
            long trips1 = client.pollRoundTrips();
            long cpu1 = os.getProcessCpuTime();
            long gc1 = gcMillis();
            long jit1 = jitMillis();
            long[] ticks1 = cpuTicks();
            long alloc1 = Allocation.totalBytes();
            int peak = threads.getPeakThreadCount();
            sleepUntil(end + 3_000_000); // late arrivals of messages sent in the window
            Recorder.Stats st = recorder.stats(windowStart, end);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("received", st.receivedSentInWindow());
            r.put("arrivedInWindow", st.arrivedInWindow());
            r.put("perSecond", String.format("%.0f", st.perSecond()));
            r.put("p50Micros", st.p50Micros());
            r.put("p99Micros", st.p99Micros());
            r.put("maxMicros", st.maxMicros());
            r.put("cpuMicrosPerMessage", st.arrivedInWindow() == 0 ? -1
                    : String.format("%.1f", (cpu1 - cpu0) / 1e3 / st.arrivedInWindow()));
            r.put("cpuCores", String.format("%.2f", (cpu1 - cpu0) / 1e3 / (end - windowStart)));
            r.put("gcMillis", gc1 - gc0);
            r.put("jitMillis", jit0 < 0 ? -1 : jit1 - jit0);
            long user = ticks1[0] - ticks0[0];
            long system = ticks1[1] - ticks0[1];
            r.put("cpuSystemPercent", ticks0[0] < 0 || user + system == 0 ? -1 : Math.round(100.0 * system / (user + system)));
            r.put("allocBytesPerMessage", st.arrivedInWindow() == 0 || alloc0 < 0 ? -1
                    : (alloc1 - alloc0) / st.arrivedInWindow());
            r.put("allocMbPerSecond", alloc0 < 0 ? -1
                    : String.format("%.1f", (alloc1 - alloc0) / 1048576.0 / ((end - windowStart) / 1e6)));
            if (trips0 >= 0) {
                long trips = trips1 - trips0;
                r.put("roundTrips", trips);
                r.put("roundTripsPerSecond", String.format("%.0f", trips / ((end - windowStart) / 1e6)));
                r.put("cpuMicrosPerRoundTrip", trips == 0 ? -1 : String.format("%.1f", (cpu1 - cpu0) / 1e3 / trips));
                r.put("allocBytesPerRoundTrip", trips == 0 || alloc0 < 0 ? -1 : (alloc1 - alloc0) / trips);
                r.put("pollFailures", client.pollFailures());
            }
            r.put("peakThreads", peak);
            r.put("visitorFailures", client.visitorFailures());
            r.put("overflow", st.overflow());
            print("RESULT", r);
        } catch (Throwable e) {
            e.printStackTrace();
            System.out.println("FAILED " + e.toString().replace('\n', ' '));
            System.out.flush();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void sendVisitorMessages(LoadClient client, int sessions, double ratePerSession, long start, long end) {
        if (ratePerSession <= 0) {
            return;
        }
        double total = ratePerSession * sessions;
        long sent = 0;
        sleepUntil(start);
        while (true) {
            long now = Clock.micros();
            if (now >= end) {
                return;
            }
            long due = (long) ((now - start) * total / 1_000_000d);
            while (sent < due) {
                // offset from the agent's round robin so that both directions do not hit the same chat together
                client.sendVisitorMessage((int) ((sent + sessions / 2) % sessions), "visitor line " + sent);
                sent++;
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    private static void sleepUntil(long micros) {
        long left;
        while ((left = micros - Clock.micros()) > 0) {
            LockSupport.parkNanos(Math.min(left, 100_000) * 1_000);
        }
    }

    private static long settledHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    /** Time the JIT compilers spent so far: compiling inside the window is a one-off cost, not the per-message one. */
    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** The process's user and system CPU time in clock ticks (Linux; -1 elsewhere): the kernel's share is syscalls and wake-ups. */
    private static long[] cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (Exception e) {
            return new long[] {-1, -1};
        }
    }

    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux: no RSS figure
        }
        return -1;
    }

    private static void print(String tag, Map<String, Object> values) {
        StringBuilder b = new StringBuilder(tag);
        values.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        System.out.println(b);
        System.out.flush();
    }
}
