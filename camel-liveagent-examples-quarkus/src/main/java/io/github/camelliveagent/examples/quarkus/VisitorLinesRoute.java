package io.github.camelliveagent.examples.quarkus;

import io.github.camelliveagent.examples.transcript.TranscriptRoute;
import org.apache.camel.builder.RouteBuilder;

/** The hand-off route reports the visitor's lines for a transcript; this application only logs them. */
public class VisitorLinesRoute extends RouteBuilder {

    @Override
    public void configure() {
        from(TranscriptRoute.VISITOR_LINES)
                .routeId("visitor-lines")
                .log("Chat ${header.CamelLiveAgentSessionId}: the visitor side said: ${body}");
    }
}
