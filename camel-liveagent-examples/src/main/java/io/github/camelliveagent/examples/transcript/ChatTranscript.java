package io.github.camelliveagent.examples.transcript;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A chat's transcript as it is collected: both sides' lines, who the agent was, and how the chat ended. */
public class ChatTranscript {

    private final String sessionId;
    private final List<ChatLine> lines = new ArrayList<>();
    private String visitorName;
    private String agentName;
    private Instant startedAt;
    private Instant endedAt;
    private String endReason;

    public ChatTranscript(String sessionId) {
        this.sessionId = sessionId;
    }

    void join(Instant at, String name) {
        agentName = name;
        startedAt = at;
    }

    void add(ChatLine line) {
        lines.add(line);
        if ("visitor".equals(line.speaker()) && visitorName == null) {
            visitorName = line.name();
        }
        if ("agent".equals(line.speaker()) && line.name() != null && !line.name().isBlank()) {
            agentName = line.name();   // a transfer changes the agent
        }
    }

    void end(Instant at, String reason) {
        endedAt = at;
        endReason = reason;
    }

    public String getSessionId() {
        return sessionId;
    }

    /** The lines in the order they were said. */
    public List<ChatLine> getLines() {
        return lines.stream().sorted(Comparator.comparing(ChatLine::at)).toList();
    }

    public String getVisitorName() {
        return visitorName;
    }

    public String getAgentName() {
        return agentName;
    }

    /** When the agent joined; null when no agent ever did. */
    public Timestamp getStartedAt() {
        return startedAt == null ? null : Timestamp.from(startedAt);
    }

    public Timestamp getEndedAt() {
        return endedAt == null ? null : Timestamp.from(endedAt);
    }

    /** {@code agent} or {@code client} (the visitor), or why the chat could not go on. */
    public String getEndReason() {
        return endReason;
    }

    public boolean isEnded() {
        return endedAt != null;
    }
}
