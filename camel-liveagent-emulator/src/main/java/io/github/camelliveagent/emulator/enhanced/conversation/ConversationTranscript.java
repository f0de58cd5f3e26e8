package io.github.camelliveagent.emulator.enhanced.conversation;

import io.github.camelliveagent.emulator.transcript.Direction;
import io.github.camelliveagent.emulator.transcript.Transcript;
import io.github.camelliveagent.emulator.transcript.TranscriptEntry;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server-side ground truth of one conversation: the end user's accepted calls (resource name, message text) and
 * the events sent (SSE event name, event id, entry payload). Thread-safe, append-only.
 */
final class ConversationTranscript implements Transcript {

    private record Line(TranscriptEntry entry, String text, boolean agentText) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    void visitor(String resource, String body, String text) {
        lines.add(new Line(new TranscriptEntry(Instant.now(), Direction.VISITOR, resource, -1, body, false), text, false));
    }

    void event(String name, long id, String payload, String agentText) {
        lines.add(new Line(new TranscriptEntry(Instant.now(), Direction.SERVER, name, id, payload, false), agentText,
                agentText != null));
    }

    @Override
    public List<TranscriptEntry> entries() {
        return lines.stream().map(Line::entry).toList();
    }

    @Override
    public List<String> visitorMessages() {
        return lines.stream().filter(l -> l.entry().direction() == Direction.VISITOR && l.text() != null)
                .map(Line::text).toList();
    }

    @Override
    public List<String> agentMessages() {
        return lines.stream().filter(Line::agentText).map(Line::text).toList();
    }

    @Override
    public List<TranscriptEntry> visitorPosts() {
        return entries().stream().filter(e -> e.direction() == Direction.VISITOR).toList();
    }

    @Override
    public List<TranscriptEntry> events() {
        return entries().stream().filter(e -> e.direction() == Direction.SERVER).toList();
    }
}
