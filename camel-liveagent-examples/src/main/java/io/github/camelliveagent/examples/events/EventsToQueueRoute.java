package io.github.camelliveagent.examples.events;

import io.github.camelliveagent.component.LiveAgentConstants;
import org.apache.camel.builder.RouteBuilder;

/**
 * Example 1: every Live Agent event of every chat session, as JSON, onto a JMS queue.
 * <p>
 * The body is the event's wire envelope {@code {"type":"ChatMessage","message":{…}}}, made by the component's type
 * converter; a consumer gets the typed event back with {@code convertBodyTo(LiveAgentMessage.class)}.
 * <p>
 * Each JMS message carries the chat's session id, the event type and the event's position in its session as JMS
 * properties, so downstream consumers can select and correlate without parsing the body, e.g. with the selector
 * {@code liveAgentSessionId = '…' AND liveAgentMessageType = 'ChatMessage'}. Delivery is at least once (a failed
 * exchange gets its event again), so a consumer that must not see an event twice keeps the last
 * {@code liveAgentSequence} per {@code liveAgentSessionId}.
 */
public class EventsToQueueRoute extends RouteBuilder {

    /** JMS property: the Live Agent session id of the chat. */
    public static final String SESSION_ID = "liveAgentSessionId";
    /** JMS property: the event type, e.g. ChatEstablished, ChatMessage, ChatEnded. */
    public static final String MESSAGE_TYPE = "liveAgentMessageType";
    /** JMS property: the event's position in its session's event stream, from 0. */
    public static final String SEQUENCE = "liveAgentSequence";

    @Override
    public void configure() {
        from("liveagent:messages")
                .routeId("events-to-queue")
                .setHeader(SESSION_ID, header(LiveAgentConstants.SESSION_ID))
                .setHeader(MESSAGE_TYPE, header(LiveAgentConstants.MESSAGE_TYPE))
                .setHeader(SEQUENCE, header(LiveAgentConstants.SEQUENCE))
                // a TextMessage of the event's JSON (without it, camel-jms would send a BytesMessage of the same JSON)
                .convertBodyTo(String.class)
                .to("jms:queue:{{examples.events.queue}}");
    }
}
