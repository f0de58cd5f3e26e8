package io.github.camelliveagent.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.agent.AgentBehaviours;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;

/**
 * The emulator's JVM in a benchmark run: the unchanged {@link LiveAgentEmulator} (one Vert.x event loop), an agent
 * that accepts every chat at once, and a load generator driven over stdin by {@link BenchmarkMain}.
 * <p>
 * Protocol (one line each): it prints {@code PORT p}; it then reads {@code HELD} (prints {@code HELD n}: sessions
 * with a Messages poll held now), {@code LOAD ratePerSession startMicros windowStartMicros endMicros} (prints
 * {@code SENT total inWindow errors sessions cpuCoresInWindow} when done) and {@code QUIT}.
 * <p>
 * The generator is one thread that keeps the total rate at {@code sessions × ratePerSession}, visiting the ACTIVE
 * sessions round robin so that each gets evenly spaced messages; each text is {@code t=<epoch µs>} read just before
 * {@link EmulatedSession#agentMessage} (which answers the held poll, if any, on the event loop).
 */
public final class EmulatorProcess {

    private EmulatorProcess() {
    }

    public static void main(String[] args) throws Exception {
        int hold = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        LiveAgentEmulator emulator = LiveAgentEmulator.builder()
                .holdTime(Duration.ofSeconds(hold))
                .clientPollTimeout(Duration.ofSeconds(hold + 30))
                .agent(AgentBehaviours.autoAccept("Load Agent", Duration.ZERO))
                .build().start();
        System.out.println("PORT " + emulator.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] p = line.trim().split("\\s+");
            switch (p[0]) {
                case "HELD" -> {
                    long held = emulator.sessions().stream().filter(EmulatedSession::pollInFlight).count();
                    System.out.println("HELD " + held);
                }
                case "LOAD" -> load(emulator, Double.parseDouble(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]),
                        Long.parseLong(p[4]));
                case "QUIT" -> {
                    emulator.stop();
                    System.exit(0);
                }
                default -> System.out.println("ERROR unknown command " + p[0]);
            }
            System.out.flush();
        }
        emulator.stop();
    }

    private static void load(LiveAgentEmulator emulator, double ratePerSession, long startMicros, long windowStart,
                             long endMicros) {
        List<EmulatedSession> active = emulator.sessions().stream()
                .filter(s -> s.state() == SessionState.ACTIVE).toList();
        int n = active.size();
        double total = ratePerSession * n;
        long sent = 0;
        long inWindow = 0;
        long errors = 0;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = -1;
        while (Clock.micros() < startMicros) {
            LockSupport.parkNanos(200_000);
        }
        while (true) {
            long now = Clock.micros();
            if (now >= endMicros) {
                break;
            }
            if (cpu0 < 0 && now >= windowStart) {
                cpu0 = os.getProcessCpuTime();
            }
            long due = (long) ((now - startMicros) * total / 1_000_000d);
            while (sent < due) {
                EmulatedSession s = active.get((int) (sent % n));
                long t = Clock.micros();
                try {
                    s.agentMessage(Clock.stamp(t));
                    if (t >= windowStart && t < endMicros) {
                        inWindow++;
                    }
                } catch (RuntimeException e) {
                    errors++;
                }
                sent++;
            }
            LockSupport.parkNanos(100_000);
        }
        double cores = (os.getProcessCpuTime() - cpu0) / 1e3 / (endMicros - windowStart);
        System.out.println("SENT " + sent + " " + inWindow + " " + errors + " " + n + " "
                           + String.format(java.util.Locale.ROOT, "%.2f", cores));
    }
}
