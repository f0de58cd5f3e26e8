package io.github.camelliveagent.emulator.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Thread-safe, append-only {@link Transcript}; written by the session, read by tests at any time. */
public final class RecordingTranscript implements Transcript {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    // reads vastly outnumber writes in tests and a snapshot must never see a half-appended entry
    private final List<TranscriptEntry> entries = new CopyOnWriteArrayList<>();

    /** Records an accepted visitor POST. */
    public void visitorPost(String noun, long sequence, String body, boolean duplicate) {
        entries.add(new TranscriptEntry(Instant.now(), Direction.VISITOR, noun, sequence, body, duplicate));
    }

    /** Records an event appended to the session's Messages stream. */
    public void serverEvent(String type, long index, String messageJson) {
        entries.add(new TranscriptEntry(Instant.now(), Direction.SERVER, type, index, messageJson, false));
    }

    @Override
    public List<TranscriptEntry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public List<String> visitorMessages() {
        List<String> texts = new ArrayList<>();
        for (TranscriptEntry e : visitorPosts()) {
            if (!e.duplicate() && "ChatMessage".equals(e.type())) {
                texts.add(text(e.body()));
            }
        }
        return texts;
    }

    @Override
    public List<String> agentMessages() {
        List<String> texts = new ArrayList<>();
        for (TranscriptEntry e : events()) {
            if ("ChatMessage".equals(e.type())) {
                texts.add(text(e.body()));
            }
        }
        return texts;
    }

    @Override
    public List<TranscriptEntry> visitorPosts() {
        return entries.stream().filter(e -> e.direction() == Direction.VISITOR).toList();
    }

    @Override
    public List<TranscriptEntry> events() {
        return entries.stream().filter(e -> e.direction() == Direction.SERVER).toList();
    }

    private static String text(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return node.path("text").asText(null);
        } catch (Exception e) {
            return null; // only well-formed bodies are ever recorded; this is belt and braces
        }
    }
}
