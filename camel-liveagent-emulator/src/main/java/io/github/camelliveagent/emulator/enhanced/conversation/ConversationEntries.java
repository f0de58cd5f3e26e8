package io.github.camelliveagent.emulator.enhanced.conversation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.session.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A conversation's history as {@code GET …/entries} serves it (miaw-api.md §3.5): every persisted entry with its
 * payload as an object (on the stream it is a string). Typing indicators and queue positions are not history.
 * Guarded by the owning {@link Conversation}'s monitor.
 */
public final class ConversationEntries {

    /** Largest page. */
    public static final int MAX_LIMIT = 50;

    /**
     * A query.
     *
     * @param limit     1..50
     * @param fromEnd   newest first ({@code direction=FromEnd}, the default) or oldest first
     * @param start     lowest {@code transcriptedTimestamp}, inclusive, or null
     * @param end       highest, inclusive, or null
     * @param types     entry types to keep, empty for all
     */
    public record Query(int limit, boolean fromEnd, Long start, Long end, Set<String> types) {
    }

    private final List<ObjectNode> entries = new ArrayList<>();

    void add(ObjectNode entry) {
        entries.add(entry);
    }

    boolean contains(String identifier) {
        return entries.stream().anyMatch(e -> identifier.equals(e.path("identifier").asText()));
    }

    /** {@code {"conversationEntries":[…]}} for the query. */
    ObjectNode page(Query q) {
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode e : entries) {
            long at = e.path("transcriptedTimestamp").asLong();
            if ((q.start() == null || at >= q.start()) && (q.end() == null || at <= q.end())
                    && (q.types().isEmpty() || q.types().contains(e.path("entryType").asText()))) {
                matching.add(e);
            }
        }
        ObjectNode root = Json.object();
        ArrayNode out = root.putArray("conversationEntries");
        int n = matching.size();
        if (q.fromEnd()) {
            for (int i = n - 1; i >= Math.max(0, n - q.limit()); i--) {
                out.add(matching.get(i).deepCopy());
            }
        } else {
            for (int i = 0; i < Math.min(n, q.limit()); i++) {
                out.add(matching.get(i).deepCopy());
            }
        }
        return root;
    }
}
