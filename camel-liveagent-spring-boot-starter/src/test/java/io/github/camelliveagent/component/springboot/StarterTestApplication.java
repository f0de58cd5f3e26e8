package io.github.camelliveagent.component.springboot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.component.model.message.ChatMessage;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/** A Spring Boot application with the starter: a route that starts a chat and one that records the agent's words. */
@SpringBootApplication
public class StarterTestApplication {

    /** The routes, found by Camel Spring Boot as a bean; the component's settings come from application properties. */
    @Component
    public static class ChatRoutes extends RouteBuilder {

        /** "sessionId: text" of every ChatMessage event, in arrival order. */
        final List<String> agentSaid = new CopyOnWriteArrayList<>();

        @Override
        public void configure() {
            // body: the visitor's first line; the chat starts with the visitor fields of the properties
            from("direct:visitor")
                    .setVariable("line", body())
                    .setBody(constant(null))
                    .to("liveagent:startChat")
                    .setBody(variable("line"))
                    .to("liveagent:chatMessage");

            from("liveagent:messages?messageTypes=ChatMessage")
                    .process(e -> agentSaid.add(e.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class)
                            + ": " + e.getMessage().getBody(ChatMessage.class).text()));
        }
    }
}
