package io.github.camelliveagent.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import org.jboss.jandex.ClassInfo;

/**
 * Build steps of the liveagent extension: names the feature, and prepares what a native image needs that the
 * component cannot say itself: reflection on the JSON records Jackson reads and writes, and TLS (the Chat API is
 * https).
 */
class LiveAgentProcessor {

    static final String FEATURE = "camel-liveagent";

    static final String GROUP_ID = "io.github.camelliveagent";
    static final String COMPONENT_ARTIFACT_ID = "camel-liveagent-component";

    /** The wire model: envelopes here, server messages in message/, visitor requests in request/. */
    static final String MODEL_PACKAGE = "io.github.camelliveagent.component.model.";

    /** The record a persistent session store writes as JSON (file or JDBC store). */
    static final String STORED_SESSION = "io.github.camelliveagent.component.session.store.StoredSession";
    /** The events a stored session keeps for the routes (part of the same JSON). */
    static final String HELD_EVENT = "io.github.camelliveagent.component.session.EventLedger$HeldEvent";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The component's classes into the index, so the model classes can be found there. */
    @BuildStep
    IndexDependencyBuildItem indexComponent() {
        return new IndexDependencyBuildItem(GROUP_ID, COMPONENT_ARTIFACT_ID);
    }

    /**
     * Jackson builds the records of the wire model through their canonical constructors and reads them through their
     * accessors: every class of the model packages (nested records too) keeps its constructors, methods and fields.
     */
    @BuildStep
    ReflectiveClassBuildItem registerModelForReflection(CombinedIndexBuildItem index) {
        List<String> names = index.getIndex().getKnownClasses().stream()
                .map(ClassInfo::name)
                .map(Object::toString)
                .filter(name -> name.startsWith(MODEL_PACKAGE))
                .sorted()
                .collect(Collectors.toCollection(ArrayList::new));
        names.add(STORED_SESSION);
        names.add(HELD_EVENT);
        return ReflectiveClassBuildItem.builder(names).constructors().methods().fields()
                .reason(LiveAgentProcessor.class.getName()).build();
    }

    @BuildStep
    ExtensionSslNativeSupportBuildItem activateSslNativeSupport() {
        return new ExtensionSslNativeSupportBuildItem(FEATURE);
    }
}
