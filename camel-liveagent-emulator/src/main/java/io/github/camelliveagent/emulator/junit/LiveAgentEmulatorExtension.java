package io.github.camelliveagent.emulator.junit;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.agent.AgentBehaviour;
import io.github.camelliveagent.emulator.enhanced.EnhancedChatSettings;
import io.github.camelliveagent.emulator.session.AbandonedPolls;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SequenceModel;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Duration;

/**
 * Runs a {@link LiveAgentEmulator} on a free loopback port for a test class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder().holdTime(Duration.ofSeconds(2)).build();
 * }</pre>
 * or {@code @ExtendWith(LiveAgentEmulatorExtension.class)} with a {@link LiveAgentEmulator} parameter on a test
 * method, lifecycle method or constructor. Starts before all tests, stops after all; before each test the
 * global faults are cleared and every button/agent is made available again. Registered on an instance
 * (non-static) field it runs one emulator per test instead.
 */
public final class LiveAgentEmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private static final Duration SERVER_SIDE_WAIT = Duration.ofSeconds(10);

    private final LiveAgentEmulator.Builder config;
    private final boolean resetBeforeEach;
    private LiveAgentEmulator emulator;
    private String ownerId;

    /** An extension with the emulator's defaults (30 s hold, 40 s poll timeout, no agent); used by {@code @ExtendWith}. */
    public LiveAgentEmulatorExtension() {
        this(LiveAgentEmulator.builder(), true);
    }

    private LiveAgentEmulatorExtension(LiveAgentEmulator.Builder config, boolean resetBeforeEach) {
        this.config = config;
        this.resetBeforeEach = resetBeforeEach;
    }

    /** A builder for {@code @RegisterExtension} use. */
    public static Builder builder() {
        return new Builder();
    }

    /** The running emulator. */
    public LiveAgentEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the emulator runs only while the test class runs");
        }
        return emulator;
    }

    /** Shortcut for {@code emulator().baseUrl()}. */
    public String baseUrl() {
        return emulator().baseUrl();
    }

    /**
     * The emulator's side of the chat a client started, to play the agent with ({@code accept}, {@code agentMessage},
     * {@code endChat}, …) or to look at what arrived; waits up to 10 s for the session to reach the emulator, since a
     * client may report its session id a moment before or after the emulator has it.
     *
     * @param  sessionId             the session id the client got from {@code System/SessionId} (with the Camel
     *                               component: the header {@code CamelLiveAgentSessionId}), or an Enhanced Chat
     *                               conversation id (the same header with {@code api=enhancedChat})
     * @throws IllegalStateException when no such session arrives within 10 s
     */
    public EmulatedSession serverSide(String sessionId) {
        return emulator().awaitSession(sessionId, SERVER_SIDE_WAIT);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ensureStarted(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // nested classes run their own beforeAll/afterAll; only the class that started it stops it
        stopIfOwner(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emulator == null) {
            // registered on an instance field: there was no beforeAll, so the emulator lives for this test only
            synchronized (this) {
                emulator = config.build().start();
                ownerId = context.getUniqueId();
            }
        } else if (resetBeforeEach) {
            emulator.faults().clear();
            emulator.resetAvailability();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopIfOwner(context);
    }

    private synchronized void stopIfOwner(ExtensionContext context) {
        if (emulator != null && context.getUniqueId().equals(ownerId)) {
            emulator.stop();
            emulator = null;
            ownerId = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LiveAgentEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // constructor injection with PER_CLASS lifecycle happens before beforeAll
        return ensureStarted(extensionContext);
    }

    private synchronized LiveAgentEmulator ensureStarted(ExtensionContext context) {
        if (emulator == null) {
            emulator = config.build().start();
            ownerId = outermostClassContext(context).getUniqueId();
        }
        return emulator;
    }

    private static ExtensionContext outermostClassContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        while (c.getParent().isPresent() && c.getParent().get().getTestClass().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** Configures the extension's emulator. */
    public static final class Builder {
        private final LiveAgentEmulator.Builder config = LiveAgentEmulator.builder();
        private boolean resetBeforeEach = true;

        private Builder() {
        }

        /** Long-poll hold time (tests usually want a short one). */
        public Builder holdTime(Duration d) {
            config.holdTime(d);
            return this;
        }

        /** Client poll timeout. */
        public Builder clientPollTimeout(Duration d) {
            config.clientPollTimeout(d);
            return this;
        }

        /** A simulated agent. */
        public Builder agent(AgentBehaviour behaviour) {
            config.agent(behaviour);
            return this;
        }

        /** What a Messages reply's {@code sequence} counts; see {@link LiveAgentEmulator.Builder#sequenceModel}. */
        public Builder sequenceModel(SequenceModel model) {
            config.sequenceModel(model);
            return this;
        }

        /** What happens to a poll whose client went away; see {@link LiveAgentEmulator.Builder#abandonedPolls}. */
        public Builder abandonedPolls(AbandonedPolls policy) {
            config.abandonedPolls(policy);
            return this;
        }

        /** How the Enhanced Chat side behaves; see {@link LiveAgentEmulator.Builder#enhancedChat}. */
        public Builder enhancedChat(EnhancedChatSettings settings) {
            config.enhancedChat(settings);
            return this;
        }

        /** A fixed port instead of a free one. */
        public Builder port(int port) {
            config.port(port);
            return this;
        }

        /** Whether to clear global faults and availability before each test (default true). */
        public Builder resetBeforeEach(boolean reset) {
            this.resetBeforeEach = reset;
            return this;
        }

        /** The extension. */
        public LiveAgentEmulatorExtension build() {
            return new LiveAgentEmulatorExtension(config, resetBeforeEach);
        }
    }
}
