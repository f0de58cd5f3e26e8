package io.github.camelliveagent.component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.LiveAgentEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * https with Camel's SSLContextParameters: a chat works against an https emulator whose certificate the configured
 * trust store holds, and fails cleanly (no chat, a clear exception) against one it does not trust.
 */
class TlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    static Path trustStore;
    static LiveAgentEmulator emulator;

    @BeforeAll
    static void startHttpsEmulator() throws Exception {
        Path keyStore = dir.resolve("emulator.p12");
        Path cert = dir.resolve("emulator.cer");
        trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "emulator", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "emulator", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "emulator", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", PASSWORD);
        emulator = LiveAgentEmulator.builder().holdTime(Duration.ofSeconds(5)).tls(keyStore, PASSWORD).build().start();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("keytool %s: %s", args[0], output).isZero();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.stop();
        }
    }

    private static CamelContext context(SSLContextParameters ssl, ReceivedEvents received) throws Exception {
        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentTestSupport.pointAt(liveagent, emulator.baseUrl());
        liveagent.setSslContextParameters(ssl);
        return LiveAgentTestSupport.startedContext(liveagent, received);
    }

    @Test
    void chatOverHttpsWithTheConfiguredTrustStore() throws Exception {
        assertThat(emulator.baseUrl()).startsWith("https://");
        KeyStoreParameters ks = new KeyStoreParameters();
        ks.setResource("file:" + trustStore);
        ks.setPassword(PASSWORD);
        ks.setType("PKCS12");
        TrustManagersParameters tm = new TrustManagersParameters();
        tm.setKeyStore(ks);
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setTrustManagers(tm);

        ReceivedEvents received = new ReceivedEvents();
        CamelContext context = context(ssl, received);
        try {
            Exchange out = context.createProducerTemplate().request("liveagent:startChat", e -> {
            });
            assertThat(out.getException()).isNull();
            String id = out.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
            received.await(id, ChatRequestSuccess.class);
        } finally {
            context.stop();
        }
    }

    @Test
    void anUntrustedCertificateFailsTheCallClearly() throws Exception {
        ReceivedEvents received = new ReceivedEvents();
        CamelContext context = context(null, received);
        int sessionsBefore = emulator.sessions().size();
        try {
            Exchange out = context.createProducerTemplate().request("liveagent:startChat", e -> {
            });
            assertThat(out.getException()).isInstanceOf(LiveAgentException.class)
                    .hasMessageContaining("could not reach").hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            assertThat(emulator.sessions()).hasSize(sessionsBefore);
        } finally {
            context.stop();
        }
    }
}
