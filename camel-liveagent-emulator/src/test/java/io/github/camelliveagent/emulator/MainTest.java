package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.support.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MainTest {

    @Test
    void argumentsConfigureTheEmulator() {
        try (LiveAgentEmulator emu = Main.parse(new String[]{"--port", "0", "--hold-seconds", "3",
                "--poll-timeout-seconds", "9", "--auto-agent", "--host", "127.0.0.1"}).build().start()) {
            assertThat(emu.holdTime()).isEqualTo(Duration.ofSeconds(3));
            assertThat(emu.clientPollTimeout()).isEqualTo(Duration.ofSeconds(9));
            assertThat(new RestClient(emu.baseUrl()).newVisitor().sessionIdReply.path("clientPollTimeout").asInt()).isEqualTo(9);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Main.printBanner(emu, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(emu.baseUrl());
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(emu.baseUrl() + "/iamessage/api/v2/", "00D000000000001",
                    "Emulated_Custom_Client");
        }
    }

    @Test
    void badArgumentsNameTheArgument() {
        assertThatThrownBy(() -> Main.parse(new String[]{"--port", "http"})).hasMessageContaining("--port");
        assertThatThrownBy(() -> Main.parse(new String[]{"--port", "70000"})).hasMessageContaining("--port");
        assertThatThrownBy(() -> Main.parse(new String[]{"--hold-seconds"})).hasMessageContaining("--hold-seconds");
        assertThatThrownBy(() -> Main.parse(new String[]{"--poll-timeout-seconds", "0"})).hasMessageContaining("--poll-timeout-seconds");
        assertThatThrownBy(() -> Main.parse(new String[]{"--verbose"})).hasMessageContaining("--verbose");
        assertThat(Main.USAGE).contains("--port", "--host", "--hold-seconds", "--poll-timeout-seconds", "--auto-agent");
    }

    @Test
    void tlsKeyStoreAndPasswordServeHttps(@TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("emulator.p12");
        Path cert = dir.resolve("emulator.cer");
        Path trust = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "emulator", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "s3cret", "-keypass", "s3cret");
        keytool("-exportcert", "-alias", "emulator", "-keystore", keyStore.toString(), "-storepass", "s3cret",
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "emulator", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trust.toString(), "-storepass", "s3cret");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(trust)) {
            trusted.load(in, "s3cret".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);

        // the password from the environment variable, as the usage recommends
        try (LiveAgentEmulator emu = Main.parse(new String[]{"--tls-keystore", keyStore.toString()}, "s3cret")
                .build().start()) {
            assertThat(emu.baseUrl()).startsWith("https://127.0.0.1:");
            RestClient https = new RestClient(emu.baseUrl(), HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).build());
            assertThat(https.newVisitor().id).isNotEmpty();
        }
        try (LiveAgentEmulator emu = Main.parse(new String[]{"--tls-keystore", keyStore.toString(), "--tls-password",
                "s3cret"}, null).build().start()) {
            assertThat(emu.baseUrl()).startsWith("https://");
        }
        assertThatThrownBy(() -> Main.parse(new String[]{"--tls-keystore", keyStore.toString()}, null))
                .hasMessageContaining("--tls-password").hasMessageContaining(Main.TLS_PASSWORD_ENV);
        assertThatThrownBy(() -> Main.parse(new String[]{"--tls-keystore", dir.resolve("missing.p12").toString()}, "x"))
                .hasMessageContaining("--tls-keystore").hasMessageContaining("missing.p12");
        assertThatThrownBy(() -> Main.parse(new String[]{"--tls-password", "x"}, null)).hasMessageContaining("--tls-keystore");
        assertThatThrownBy(() -> Main.parse(new String[]{"--tls-keystore", keyStore.toString(), "--tls-password", "wrong"},
                null).build().start()).isInstanceOf(IllegalStateException.class).hasMessageContaining("could not listen");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool %s finished", args[0]).isTrue();
        assertThat(p.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }

    @Test
    void helpPrintsTheUsageAndReturnsNormally() throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Main.main(new String[]{"--help"}); // a System.exit here would end the test JVM: returning is the point
        } finally {
            System.setOut(before);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage:").contains("--sequence-model", "--help");
    }
}
