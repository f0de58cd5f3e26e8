package io.github.camelliveagent.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camel Main configures the component from the usual environment variables, {@code CAMEL_COMPONENT_LIVEAGENT_<OPTION>}
 * (Camel 4.18's own mapping of such variables never matches; the component brings its own, see
 * {@code LiveAgentEnvironmentVariables}). An environment cannot be changed inside a running JVM, so a child JVM runs
 * {@link EnvironmentVariablesProbe} with the variables set; the chat it starts must arrive at this test's emulator with
 * the visitor name of the environment, not the one of the properties file.
 */
class EnvironmentVariablesTest {

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder().build();

    @Test
    void camelMainAppliesCamelComponentLiveagentVariablesOverThePropertiesFile() throws Exception {
        Map<String, String> variables = Map.of(
                "CAMEL_COMPONENT_LIVEAGENT_HOSTNAME", EMULATOR.emulator().baseUrl(),
                "CAMEL_COMPONENT_LIVEAGENT_ORGANIZATION_ID", LiveAgentSetup.EMULATOR_ORG_ID,
                "CAMEL_COMPONENT_LIVEAGENT_DEPLOYMENT_ID", LiveAgentSetup.EMULATOR_DEPLOYMENT_ID,
                "CAMEL_COMPONENT_LIVEAGENT_BUTTON_ID", LiveAgentSetup.EMULATOR_BUTTON_ID,
                "CAMEL_COMPONENT_LIVEAGENT_VISITOR_NAME", "Grace From The Environment");

        ProcessBuilder child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                EnvironmentVariablesProbe.class.getName());
        child.environment().keySet().removeIf(name -> name.toUpperCase().startsWith("CAMEL_"));
        child.environment().putAll(variables);
        child.redirectErrorStream(true);
        Process process = child.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream(), output), "probe-output");
        reader.start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        reader.join(5_000);
        String out = output.toString(StandardCharsets.UTF_8);
        System.out.println("EnvironmentVariablesProbe output:\n" + out);

        assertThat(exited).as("the child JVM ended within 90 s").isTrue();
        assertThat(process.exitValue()).as("the child's exit code").isZero();
        Matcher started = Pattern.compile("probe: chat started, session (\\S+)").matcher(out);
        assertThat(started.find()).as("the probe started a chat").isTrue();
        EmulatedSession server = EMULATOR.serverSide(started.group(1));
        System.out.println("emulator sessions: " + EMULATOR.emulator().sessions().size() + ", visitor of "
                           + server.id() + ": " + server.visitorName());
        assertThat(server.visitorName()).as("the visitor name the chat arrived with").isEqualTo("Grace From The Environment");
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the child's output ends with the child
        }
    }
}
