package io.github.camelliveagent.examples.transcript;

import java.time.Instant;

import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestFail;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Collects a chat's exchanges into one {@link ChatTranscript}: Live Agent events (agent lines, agent name, end) and
 * the visitor-side lines that the route talking to Live Agent sends as plain text.
 */
public class TranscriptAggregation implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Message in = newExchange.getMessage();
        ChatTranscript transcript = oldExchange == null
                ? new ChatTranscript(in.getHeader(LiveAgentConstants.SESSION_ID, String.class))
                : oldExchange.getMessage().getBody(ChatTranscript.class);
        add(transcript, in);
        Exchange result = oldExchange == null ? newExchange : oldExchange;
        result.getMessage().setBody(transcript);
        return result;
    }

    /** The chat went silent without a ChatEnded: the transcript is saved as it is. */
    @Override
    public void timeout(Exchange exchange, int index, int total, long timeout) {
        exchange.getMessage().getBody(ChatTranscript.class).end(Instant.now(), "noChatEnded");
    }

    private static void add(ChatTranscript transcript, Message in) {
        Instant now = Instant.now();
        Object body = in.getBody();
        if (body instanceof ChatEstablished established) {
            transcript.join(now, established.name());
        } else if (body instanceof ChatMessage message) {
            transcript.add(new ChatLine(now, "agent", message.name(), message.text()));
        } else if (body instanceof ChatEnded ended) {
            transcript.end(now, ended.reason());
        } else if (body instanceof ChatRequestFail failed) {
            transcript.end(now, "requestFailed: " + failed.reason());
        } else if (body instanceof String text) {
            transcript.add(new ChatLine(now,
                    in.getHeader(TranscriptRoute.SPEAKER, "visitor", String.class),
                    in.getHeader(TranscriptRoute.SPEAKER_NAME, in.getHeader("visitorName", "Visitor", String.class), String.class),
                    text));
        }
    }
}
