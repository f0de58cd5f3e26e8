package io.github.camelliveagent.examples.transcript;

import java.time.Duration;

import io.github.camelliveagent.component.LiveAgentConstants;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * Example 3: when a chat ends, its whole transcript goes to a database through camel-sql: one row in
 * {@code chat_transcript} (visitor, agent, start, end, end reason) and one row per line in {@code chat_transcript_line}.
 * <p>
 * Live Agent sends the agent's side as events, but never echoes the visitor's own messages: the route that talks to
 * Live Agent as the visitor sends each visitor-side line to {@link #VISITOR_LINES} (body: the text, header
 * {@code CamelLiveAgentSessionId}; optional headers {@link #SPEAKER} and {@link #SPEAKER_NAME}).
 * <p>
 * The DataSource is the registry bean {@code transcriptDb}: an in-memory H2 database unless configured otherwise.
 */
public class TranscriptRoute extends RouteBuilder {

    /** Where visitor-side lines go. */
    public static final String VISITOR_LINES = "direct:transcript";
    /** Header on a visitor-side line: {@code visitor} (default) or {@code bot}. */
    public static final String SPEAKER = "transcriptSpeaker";
    /** Header on a visitor-side line: the speaker's name; default the {@code visitorName} header. */
    public static final String SPEAKER_NAME = "transcriptSpeakerName";

    @Override
    public void configure() {
        from("liveagent:messages?messageTypes=ChatEstablished,ChatMessage,ChatEnded,ChatRequestFail")
                .routeId("transcript-events")
                // an event comes again when any route failed on it: count it once
                .idempotentConsumer(simple("${header.CamelLiveAgentSessionId}/${header.CamelLiveAgentSequence}"),
                        MemoryIdempotentRepository.memoryIdempotentRepository(10_000))
                .to(VISITOR_LINES);

        from(VISITOR_LINES)
                .routeId("transcript-collect")
                .aggregate(header(LiveAgentConstants.SESSION_ID), new TranscriptAggregation())
                    .completionPredicate(simple("${body.ended}"))
                    // every chat ends with ChatEnded, even a lost one; should that event never come, save what there is
                    .completionTimeout(Duration.ofHours(1).toMillis())
                    .to("direct:transcript-save");

        // the lines first, the chat row last: whoever sees the chat row sees all its lines
        from("direct:transcript-save")
                .routeId("transcript-save")
                .split(simple("${body.lines}"))
                    .to("sql:insert into chat_transcript_line (session_id, line_no, said_at, speaker, speaker_name, message)"
                        + " values (:#${header.CamelLiveAgentSessionId}, :#${exchangeProperty.CamelSplitIndex},"
                        + " :#${body.timestamp}, :#${body.speaker}, :#${body.name}, :#${body.text})?dataSource=#transcriptDb")
                .end()
                .to("sql:insert into chat_transcript (session_id, visitor_name, agent_name, started_at, ended_at, end_reason)"
                    + " values (:#${body.sessionId}, :#${body.visitorName}, :#${body.agentName}, :#${body.startedAt},"
                    + " :#${body.endedAt}, :#${body.endReason})?dataSource=#transcriptDb")
                .log("Saved the transcript of chat ${body.sessionId}: ${body.lines.size} lines, ended by ${body.endReason}");
    }
}
