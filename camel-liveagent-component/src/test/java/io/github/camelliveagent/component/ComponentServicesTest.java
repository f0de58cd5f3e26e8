package io.github.camelliveagent.component;

import io.github.camelliveagent.component.poll.Dispatcher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The component starts its dispatcher with itself and stops it with itself, through Camel's service lifecycle. */
class ComponentServicesTest extends LiveAgentTestSupport {

    @Test
    void theDispatcherRunsExactlyWhileTheComponentRuns() {
        LiveAgentComponent liveagent = context.getComponent("liveagent", LiveAgentComponent.class);
        Dispatcher dispatcher = liveagent.dispatcher();
        assertThat(dispatcher.isStarted()).as("dispatcher started with the component").isTrue();

        context.stop();

        assertThat(liveagent.isStopped()).isTrue();
        assertThat(dispatcher.isStopped()).as("dispatcher stopped with the component").isTrue();
    }
}
