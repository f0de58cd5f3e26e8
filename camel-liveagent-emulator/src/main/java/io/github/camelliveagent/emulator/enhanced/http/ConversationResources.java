package io.github.camelliveagent.emulator.enhanced.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.enhanced.EnhancedChatSettings;
import io.github.camelliveagent.emulator.enhanced.conversation.ApiOutcomes;
import io.github.camelliveagent.emulator.enhanced.conversation.Conversation;
import io.github.camelliveagent.emulator.enhanced.conversation.ConversationEntries;
import io.github.camelliveagent.emulator.enhanced.conversation.ConversationRegistry;
import io.github.camelliveagent.emulator.session.Json;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The conversation resources (miaw-api.md §3): create, list, status, entries, close, end the messaging session. */
final class ConversationResources {

    private static final Set<String> CREATE_FIELDS = Set.of("conversationId", "esDeveloperName", "routingAttributes", "language");

    private final EnhancedChatSettings settings;
    private final ConversationRegistry registry;
    private final BodyRules rules;

    ConversationResources(EnhancedChatSettings settings, ConversationRegistry registry, BodyRules rules) {
        this.settings = settings;
        this.registry = registry;
        this.rules = rules;
    }

    /** {@code POST conversation}: the client names the conversation; routing starts at once. */
    void create(ApiCall call) {
        String where = "the conversation create request";
        JsonNode b = rules.object(call.body(), where);
        rules.known(b, where, CREATE_FIELDS);
        String id = BodyRules.uuid(BodyRules.text(b, "conversationId", where), "conversationId");
        deployment(call, BodyRules.text(b, "esDeveloperName", where));
        Map<String, String> attributes = prechat(BodyRules.attributes(b, where));
        Conversation c = registry.create(id, call.token(), attributes);
        if (c == null) {
            call.reply(ApiOutcomes.error(409, "A conversation with conversationId " + id + " already exists"));
            return;
        }
        call.reply(ApiOutcomes.empty(settings.createStatus()));
    }

    /** {@code GET conversation/list?inclClosedConvs=&limit=}: the end user's conversations, newest first. */
    void list(ApiCall call) {
        boolean closed = bool(call.param("inclClosedConvs"), "inclClosedConvs");
        int limit = limit(call.param("limit"));
        List<Conversation> mine = registry.of(call.token().subject());
        int open = (int) mine.stream().filter(c -> !c.closed()).count();
        ObjectNode o = Json.object();
        o.put("openConversationsFound", open);
        o.put("closedConversationsFound", closed ? mine.size() - open : 0);
        ArrayNode list = o.putArray("conversations");
        for (int i = mine.size() - 1; i >= 0 && list.size() < limit; i--) {
            Conversation c = mine.get(i);
            if (closed || !c.closed()) {
                list.add(c.summary());
            }
        }
        call.reply(ApiOutcomes.json(200, o));
    }

    /** {@code GET conversation/{id}}: its routing status. */
    void status(ApiCall call) {
        call.reply(ApiOutcomes.json(200, call.conversation().status()));
    }

    /** {@code GET conversation/{id}/entries}: history, payloads as objects. */
    void entries(ApiCall call) {
        String direction = call.param("direction");
        if (direction != null && !direction.equals("FromEnd") && !direction.equals("FromStart")) {
            throw new BadRequest("Invalid direction " + direction + ": FromStart or FromEnd");
        }
        String filter = call.param("entryTypeFilter");
        Set<String> types = filter == null || filter.isBlank() ? Set.of()
                : Arrays.stream(filter.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        ConversationEntries.Query q = new ConversationEntries.Query(limit(call.param("limit")), !"FromStart".equals(direction),
                millis(call.param("startTimestamp"), "startTimestamp"), millis(call.param("endTimestamp"), "endTimestamp"), types);
        call.reply(ApiOutcomes.json(200, call.conversation().entries(q)));
    }

    /** {@code DELETE conversation/{id}?esDeveloperName=}: closes it. */
    void close(ApiCall call) {
        deployment(call, call.param("esDeveloperName"));
        call.reply(call.conversation().close());
    }

    /** {@code DELETE conversation/{id}/session?esDeveloperName=}: ends the messaging session only. */
    void endSession(ApiCall call) {
        deployment(call, call.param("esDeveloperName"));
        call.reply(call.conversation().endSessionByEndUser());
    }

    /** {@code esDeveloperName} must be there and be the token's deployment (miaw-api.md §9.8). */
    static void deployment(ApiCall call, String given) {
        if (given == null || given.isBlank()) {
            throw new BadRequest("Missing required esDeveloperName (the deployment's API name, "
                    + call.token().esDeveloperName() + ")");
        }
        if (!given.equals(call.token().esDeveloperName())) {
            throw new BadRequest("Invalid esDeveloperName " + given + ": the access token was issued for "
                    + call.token().esDeveloperName());
        }
    }

    /** The pre-chat values, checked against the configured fields when there are any. */
    private Map<String, String> prechat(Map<String, String> attributes) {
        Set<String> fields = settings.prechatFields();
        if (!fields.isEmpty() && settings.unknownRoutingAttributes() == EnhancedChatSettings.UnknownRoutingAttributes.REJECT) {
            for (String k : attributes.keySet()) {
                if (!fields.contains(k)) {
                    throw new BadRequest("Invalid routingAttributes key " + k + ": not a pre-chat field of the deployment"
                            + " (configured: " + fields.stream().sorted().toList() + ")");
                }
            }
        }
        return attributes;
    }

    static int limit(String v) {
        if (v == null) {
            return 20;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= ConversationEntries.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new BadRequest("Invalid limit " + v + ": an integer from 1 to " + ConversationEntries.MAX_LIMIT);
    }

    private static Long millis(String v, String name) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadRequest("Invalid " + name + " " + v + ": epoch milliseconds");
        }
    }

    private static boolean bool(String v, String name) {
        if (v == null) {
            return false;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new BadRequest("Invalid " + name + " " + v + ": true or false");
    }
}
