package io.github.camelliveagent.component;

import java.time.Duration;

import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.enhanced.EnhancedConversation;

/**
 * Camel tests of {@code api=enhancedChat} against the emulator's Enhanced Chat side over loopback: the component's
 * hostname is the emulator's URL (its SCRT2 URL), with the emulator's org and deployment.
 */
public abstract class EnhancedChatTestSupport extends LiveAgentTestSupport {

    @Override
    protected void configure(LiveAgentComponent liveagent) {
        LiveAgentConfiguration c = liveagent.getConfiguration();
        c.setApi(LiveAgentApi.enhancedChat);
        c.setHostname(EMULATOR.baseUrl());
        c.setOrganizationId(emulator().enhancedChat().orgId());
        c.setEsDeveloperName(emulator().enhancedChat().esDeveloperName());
        c.setPollRetryDelay(50);
    }

    protected EnhancedConversation conversation(String id) {
        return emulator().awaitConversation(id, Duration.ofSeconds(10));
    }

    /** Starts a conversation and lets the emulated agent join; returns once the route has seen ChatEstablished. */
    @Override
    protected String activeChat() {
        String id = startChat();
        received.await(id, ChatRequestSuccess.class);
        conversation(id).accept("Agent Smith");
        received.await(id, ChatEstablished.class);
        return id;
    }
}
