package io.github.camelliveagent.examples.bot;

import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.component.model.message.AgentTyping;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestFail;
import io.github.camelliveagent.examples.transcript.TranscriptRoute;
import org.apache.camel.builder.RouteBuilder;

import static io.github.camelliveagent.examples.bot.VisitorChannel.EVENT;
import static io.github.camelliveagent.examples.bot.VisitorChannel.SENDER;
import static io.github.camelliveagent.examples.bot.VisitorChannel.SENDER_NAME;
import static io.github.camelliveagent.examples.bot.VisitorChannel.VISITOR_ID;

/**
 * Example 2: a rule-based bot answers visitors on a JMS channel; when a visitor asks for a person, the route starts a
 * Live Agent chat, gives the agent the bot conversation once the chat is established, then relays visitor and agent
 * until either side ends the chat, and tells the visitor when the agent joins, types and leaves.
 * <p>
 * Visitors write to {@code visitor.in} and read {@code visitor.out}; see {@link VisitorChannel} for the JMS properties.
 */
public class ChatbotHandOffRoute extends RouteBuilder {

    private static final String TO_VISITOR = "direct:to-visitor";

    private final Bot bot = new Bot();
    private final Conversations conversations = new Conversations();

    @Override
    public void configure() {
        // ---- visitor -> bot or agent -------------------------------------------------------------------------
        // asyncConsumer: a message waiting for the agent to accept does not hold up other visitors; messages still
        // reach Live Agent in the order they were read
        from("jms:queue:{{examples.visitor.in}}?asyncConsumer=true")
                .routeId("visitor-in")
                .choice()
                    .when(method(conversations, "isWithAgent"))
                        .to("direct:visitor-to-agent")
                    .when(method(bot, "wantsPerson"))
                        .bean(conversations, "visitorSaid")
                        .to("direct:hand-off")
                    .otherwise()
                        .bean(conversations, "visitorSaid")
                        .bean(bot, "answer")
                        .bean(conversations, "botSaid")
                        .setHeader(SENDER, constant("bot"))
                        .setHeader(SENDER_NAME, constant(Bot.NAME))
                        .to(TO_VISITOR);

        from("direct:hand-off")
                .routeId("hand-off")
                .onException(Exception.class)
                    .handled(true)
                    .log("Could not start a chat for visitor ${header.visitorId}: ${exception.message}")
                    .bean(conversations, "chatNotStarted")
                    .setHeader(EVENT, constant("noAgent"))
                    .setBody(constant("Sorry, I cannot reach an agent right now. Please try again later."))
                    .to(TO_VISITOR)
                .end()
                // first, as the chat's own events (joined, or no agent) can follow at once
                .setHeader(EVENT, constant("connecting"))
                .setBody(constant("I am connecting you to a person, one moment please."))
                .to(TO_VISITOR)
                .bean(conversations, "chatRequest")          // the ChasitorInit: visitor name and pre-chat details
                // every event of the new chat will carry the visitor id, even those that come before startChat returns
                .setHeader(LiveAgentConstants.CORRELATION_ID, header(VISITOR_ID))
                .to("liveagent:startChat")                    // sets CamelLiveAgentSessionId
                .bean(conversations, "chatStarted");

        from("direct:visitor-to-agent")
                .routeId("visitor-to-agent")
                .setHeader(LiveAgentConstants.SESSION_ID, method(conversations, "sessionOf"))
                .to(TranscriptRoute.VISITOR_LINES)            // Live Agent never sends the visitor's own lines back
                .to("liveagent:chatMessage")                  // waits, without a thread, until an agent accepted
                .filter(method(bot, "isGoodbye"))
                    .to("liveagent:chatEnd");

        // ---- agent -> visitor --------------------------------------------------------------------------------
        from("liveagent:messages?messageTypes=ChatEstablished,AgentTyping,ChatMessage,ChatEnded,ChatRequestFail")
                .routeId("agent-to-visitor")
                .setHeader(VISITOR_ID, header(LiveAgentConstants.CORRELATION_ID))
                .filter(header(VISITOR_ID).isNotNull())       // only the chats this route started
                .choice()
                    .when(body().isInstanceOf(ChatEstablished.class))
                        .bean(conversations, "agentJoined")
                        // the agent gets the bot conversation as the first message of the chat
                        .setBody(method(conversations, "botContext"))
                        .setHeader(TranscriptRoute.SPEAKER, constant("bot"))
                        .setHeader(TranscriptRoute.SPEAKER_NAME, constant(Bot.NAME))
                        .to(TranscriptRoute.VISITOR_LINES)
                        .to("liveagent:chatMessage")
                        .setHeader(EVENT, constant("agentJoined"))
                        .setHeader(SENDER_NAME, method(conversations, "agentName"))
                        .setBody(simple("${header.senderName} joined the chat."))
                        .to(TO_VISITOR)
                    .when(body().isInstanceOf(AgentTyping.class))
                        .setHeader(EVENT, constant("agentTyping"))
                        .setHeader(SENDER_NAME, method(conversations, "agentName"))
                        .setBody(simple("${header.senderName} is typing..."))
                        .to(TO_VISITOR)
                    .when(body().isInstanceOf(ChatMessage.class))
                        .setHeader(SENDER, constant("agent"))
                        .setHeader(SENDER_NAME, simple("${body.name}"))
                        .setBody(simple("${body.text}"))
                        .to(TO_VISITOR)
                    .when(body().isInstanceOf(ChatEnded.class))
                        .setHeader(EVENT, constant("chatEnded"))
                        .setBody(method(conversations, "chatEndedText"))
                        .bean(conversations, "chatOver")
                        .to(TO_VISITOR)
                    .when(body().isInstanceOf(ChatRequestFail.class))
                        .setHeader(EVENT, constant("noAgent"))
                        .setBody(constant("Sorry, no agent is available right now. The bot is still here for you."))
                        .bean(conversations, "chatOver")
                        .to(TO_VISITOR);

        from(TO_VISITOR)
                .routeId("to-visitor")
                .choice()
                    .when(header(SENDER).isNull())
                        .setHeader(SENDER, constant("system"))
                .end()
                // the channel carries only its own properties (Camel's headers never become JMS properties)
                .removeHeaders("*", VISITOR_ID, SENDER, SENDER_NAME, EVENT, "Camel*")
                .to("jms:queue:{{examples.visitor.out}}");
    }
}
