package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;


/** Records what a liveagent:messages route received: body and headers of every exchange, in arrival order. */
final class ReceivedEvents implements Processor {

    record Event(String sessionId, String type, long sequence, boolean redelivered, LiveAgentMessage body,
                 java.util.Map<String, Object> headers) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void process(Exchange exchange) {
        events.add(new Event(
                exchange.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class),
                exchange.getMessage().getHeader(LiveAgentConstants.MESSAGE_TYPE, String.class),
                exchange.getMessage().getHeader(LiveAgentConstants.SEQUENCE, Long.class),
                exchange.getMessage().getHeader(LiveAgentConstants.REDELIVERED, false, Boolean.class),
                exchange.getMessage().getBody(LiveAgentMessage.class),
                java.util.Map.copyOf(exchange.getMessage().getHeaders())));
    }

    List<Event> all() {
        return List.copyOf(events);
    }

    List<Event> of(String sessionId) {
        return events.stream().filter(e -> sessionId.equals(e.sessionId())).toList();
    }

    List<String> types(String sessionId) {
        return of(sessionId).stream().map(Event::type).toList();
    }

    <T extends LiveAgentMessage> List<T> bodies(String sessionId, Class<T> type) {
        return of(sessionId).stream().map(Event::body).filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until the session has received an event of this type and returns the first one. */
    <T extends LiveAgentMessage> T await(String sessionId, Class<T> type) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !bodies(sessionId, type).isEmpty());
        return bodies(sessionId, type).get(0);
    }
}
