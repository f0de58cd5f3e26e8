package io.github.camelliveagent.quarkus.deployment;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;

import io.github.camelliveagent.component.LiveAgentComponent;
import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds an application with the extension (JVM mode) and checks what the build steps registered for a native image:
 * the feature, reflection on the wire model (constructors, methods and fields), SSL support; and that the application
 * finds the component.
 */
class LiveAgentProcessorTest {

    /*
     * What the build registered, captured below. The build step and the test run in different class loaders (the test
     * class is loaded twice), so the capture travels in system properties rather than in static fields.
     */
    static final String REFLECTIVE = "liveagent.test.reflective";
    static final String SSL_EXTENSIONS = "liveagent.test.sslExtensions";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .addBuildChainCustomizer(captureRegistrations())
            .setLogRecordPredicate(r -> r.getLoggerName() != null && r.getLoggerName().startsWith("io.quarkus"))
            .assertLogRecords(LiveAgentProcessorTest::featureIsListed);

    @Inject
    CamelContext camelContext;

    @Test
    void theWireModelIsRegisteredForReflectionWithConstructorsMethodsAndFields() {
        Set<String> registered = new TreeSet<>(List.of(System.getProperty(REFLECTIVE, "").split(",")));
        long model = registered.stream().filter(n -> n.startsWith("io.github.camelliveagent.")).count();
        System.out.println("liveagent classes registered for reflection: " + model);

        assertThat(registered).contains(
                "io.github.camelliveagent.component.model.MessageEnvelope",
                "io.github.camelliveagent.component.model.SessionIdResponse",
                "io.github.camelliveagent.component.model.message.ChatMessage",
                "io.github.camelliveagent.component.model.message.ChatMessage$Schedule",
                "io.github.camelliveagent.component.model.message.ChatEstablished",
                "io.github.camelliveagent.component.model.message.ChatEnded",
                "io.github.camelliveagent.component.model.message.UnknownMessage",
                "io.github.camelliveagent.component.model.request.ChasitorInit",
                "io.github.camelliveagent.component.model.request.ChatMessage",
                "io.github.camelliveagent.component.model.request.ChatEnd",
                "io.github.camelliveagent.component.session.store.StoredSession",
                "io.github.camelliveagent.component.session.EventLedger$HeldEvent");
        assertThat(registered).as("every class of message/ (35 files, some with nested records)")
                .filteredOn(n -> n.startsWith("io.github.camelliveagent.component.model.message.")).hasSizeGreaterThanOrEqualTo(35);
    }

    @Test
    void sslNativeSupportIsRequested() {
        assertThat(System.getProperty(SSL_EXTENSIONS, "").split(",")).contains("camel-liveagent");
    }

    @Test
    void theApplicationFindsTheComponent() {
        assertThat(camelContext.getComponent("liveagent")).isInstanceOf(LiveAgentComponent.class);
    }

    private static void featureIsListed(List<LogRecord> records) {
        boolean listed = records.stream().anyMatch(r -> {
            String text = r.getMessage() + " " + (r.getParameters() == null ? "" : List.of(r.getParameters()));
            return text.contains("Installed features") && text.contains("camel-liveagent");
        });
        assertThat(listed).as("'camel-liveagent' among the installed features").isTrue();
    }

    /** A build step of the test's own that consumes the registrations (and so makes them run in JVM mode too). */
    private static Consumer<BuildChainBuilder> captureRegistrations() {
        return chain -> chain.addBuildStep(new BuildStep() {
            @Override
            public void execute(BuildContext context) {
                Set<String> reflective = new TreeSet<>();
                for (ReflectiveClassBuildItem item : context.consumeMulti(ReflectiveClassBuildItem.class)) {
                    if (item.isConstructors() && item.isMethods() && item.isFields()) {
                        reflective.addAll(item.getClassNames());
                    }
                }
                System.setProperty(REFLECTIVE, String.join(",", reflective));
                System.setProperty(SSL_EXTENSIONS, context.consumeMulti(ExtensionSslNativeSupportBuildItem.class).stream()
                        .map(ExtensionSslNativeSupportBuildItem::getExtension).collect(Collectors.joining(",")));
                context.produce(new FeatureBuildItem("liveagent-test-capture"));
            }
        }).consumes(ReflectiveClassBuildItem.class).consumes(ExtensionSslNativeSupportBuildItem.class)
                .produces(FeatureBuildItem.class).build();
    }
}
