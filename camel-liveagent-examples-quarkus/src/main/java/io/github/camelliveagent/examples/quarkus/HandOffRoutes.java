package io.github.camelliveagent.examples.quarkus;

import io.github.camelliveagent.examples.bot.ChatbotHandOffRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The chatbot hand-off route of camel-liveagent-examples, unchanged. It lives in a library jar, which Camel Quarkus
 * does not scan for route builders; as a CDI bean it is added to the CamelContext.
 */
@ApplicationScoped
public class HandOffRoutes {

    @Produces
    @Singleton
    ChatbotHandOffRoute handOff() {
        return new ChatbotHandOffRoute();
    }
}
