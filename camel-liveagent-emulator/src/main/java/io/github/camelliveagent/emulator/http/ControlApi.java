package io.github.camelliveagent.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.agent.Availability;
import io.github.camelliveagent.emulator.fault.FaultSettings;
import io.github.camelliveagent.emulator.fault.Faults;
import io.github.camelliveagent.emulator.enhanced.EnhancedConversation;
import io.github.camelliveagent.emulator.enhanced.conversation.ConversationRegistry;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.Json;
import io.github.camelliveagent.emulator.session.Outcome;
import io.github.camelliveagent.emulator.session.SdkEvents;
import io.github.camelliveagent.emulator.session.SessionRegistry;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.transcript.Direction;
import io.github.camelliveagent.emulator.transcript.TranscriptEntry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP control API under {@code /emulator/}: inspect sessions, play the agent, set availability, inject
 * faults — for tests written in other languages and for the standalone jar. Loopback clients only.
 */
final class ControlApi {

    static final String PREFIX = "/emulator";

    private final SessionRegistry registry;
    private final ConversationRegistry conversations;
    private final Availability availability;
    private final Faults globalFaults;
    private final Replies replies;

    ControlApi(SessionRegistry registry, ConversationRegistry conversations, Availability availability, Faults globalFaults,
               Replies replies) {
        this.registry = registry;
        this.conversations = conversations;
        this.availability = availability;
        this.globalFaults = globalFaults;
        this.replies = replies;
    }

    /** Handles a control request that passed {@link ControlGuard} and whose whole body has been read. */
    void handle(HttpServerRequest req, Buffer buf) {
        JsonNode body;
        try {
            String text = buf.toString(StandardCharsets.UTF_8);
            body = text.isBlank() ? Json.object() : Json.read(text);
        } catch (Exception e) {
            send(req, Outcome.text(400, "Malformed JSON body"));
            return;
        }
        if (!body.isObject()) {
            send(req, Outcome.text(400, "The body must be a JSON object"));
            return;
        }
        try {
            send(req, dispatch(req.method(), req.path().substring(PREFIX.length()), body));
        } catch (IllegalStateException e) {
            send(req, Outcome.text(409, e.getMessage()));
        } catch (IllegalArgumentException | NullPointerException e) {
            send(req, Outcome.text(400, String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            send(req, Outcome.text(500, "Internal Server Error: " + e));
        }
    }

    private Outcome dispatch(HttpMethod method, String path, JsonNode body) {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        if (p.length == 1 && p[0].equals("sessions") && method == HttpMethod.GET) {
            ArrayNode list = Json.array();
            registry.all().forEach(s -> list.add(summary(s)));
            conversations.all().forEach(c -> list.add(summary(c)));
            return json(list);
        }
        if (p.length == 1 && p[0].equals("availability") && method == HttpMethod.POST) {
            availability.set(required(body, "id").asText(), required(body, "available").asBoolean());
            return okJson();
        }
        if (p.length == 2 && p[0].equals("faults") && method == HttpMethod.POST) {
            return fault(globalFaults, p[1], body);
        }
        if (p.length >= 2 && p[0].equals("sessions")) {
            EmulatedSession s = registry.byId(p[1]);
            if (s == null) {
                s = conversations.byId(p[1]); // an Enhanced Chat conversation, by its conversation id
            }
            if (s == null) {
                return Outcome.text(404, "Unknown session " + p[1]);
            }
            if (p.length == 2 && method == HttpMethod.GET) {
                ObjectNode detail = summary(s);
                detail.set("transcript", transcript(s));
                return json(detail);
            }
            if (p.length == 3 && p[2].equals("polls") && method == HttpMethod.GET) {
                return json(polls(s));
            }
            if (p.length == 3 && p[2].equals("transcript") && method == HttpMethod.GET) {
                return json(transcript(s));
            }
            if (p.length == 3 && method == HttpMethod.POST) {
                return action(s, p[2], body);
            }
            if (p.length == 4 && p[2].equals("faults") && method == HttpMethod.POST) {
                return fault(s.faults(), p[3], body);
            }
        }
        return Outcome.text(404, "Unknown control resource " + method + " " + PREFIX + path);
    }

    private Outcome action(EmulatedSession s, String action, JsonNode body) {
        switch (action) {
            case "accept" -> s.accept(required(body, "agentName").asText());
            case "reject" -> s.reject(required(body, "reason").asText());
            case "decline", "push-timeout" -> s.decline(body.path("anotherAgentLeft").asBoolean(true));
            case "queue-update" -> s.queueUpdate(required(body, "position").asInt());
            case "message" -> s.agentMessage(required(body, "text").asText());
            case "typing" -> s.agentTyping();
            case "not-typing" -> s.agentNotTyping();
            case "transfer" -> s.transfer(required(body, "agentName").asText());
            case "disconnect" -> s.agentDisconnect();
            case "custom-event" -> s.customEvent(required(body, "type").asText(), body.path("data").asText(""));
            case "file-transfer" -> s.fileTransfer(required(body, "type").asText());
            case "end" -> s.endChat();
            // Enhanced Chat only
            case "routing-failure" -> conversation(s, action).routingFailure(required(body, "failureType").asText(),
                    body.hasNonNull("failureReason") ? body.get("failureReason").asText() : null);
            case "receipt" -> conversation(s, action).agentReceipt(required(body, "type").asText(),
                    body.hasNonNull("entryId") ? body.get("entryId").asText() : null);
            case "bot-join" -> conversation(s, action).botJoin(required(body, "botName").asText());
            case "choices" -> conversation(s, action).agentChoices(required(body, "text").asText(),
                    texts(required(body, "options"), "options"));
            case "attachment" -> {
                String fileId = conversation(s, action).agentAttachment(required(body, "fileName").asText(),
                        required(body, "mimeType").asText(), base64(required(body, "contentBase64")),
                        body.hasNonNull("text") ? body.get("text").asText() : null);
                return json(Json.object().put("ok", true).put("fileId", fileId));
            }
            case "inactivate" -> conversation(s, action).inactivate();
            case "emit" -> s.emit(required(body, "type").asText(), body.path("message"));
            // the server messages only the SDK handles (spec §4.2), shaped as the spec describes them
            case "transfer-to-button" -> s.transferToButton();
            case "async-result" -> s.emit("AsyncResult", SdkEvents.asyncResult(body.path("isSuccess").asBoolean(false),
                    body.path("error").asText("InternalFailure")));
            case "sensitive-data-rules" -> s.emit("SensitiveDataRules", SdkEvents.sensitiveDataRules(body.path("rules")));
            case "rich-message" -> s.emit("RichMessage", SdkEvents.richMessage(body.path("type").asText("ChatWindowButton"),
                    texts(required(body, "items"), "items"), body.hasNonNull("header") ? body.get("header").asText() : null));
            case "agent-joined-conference" -> s.emit("AgentJoinedConference",
                    SdkEvents.conference(required(body, "agentName").asText()));
            case "agent-left-conference" -> s.emit("AgentLeftConference",
                    SdkEvents.conference(required(body, "agentName").asText()));
            case "chat-resumed-after-transfer" -> s.emit("ChatResumedAfterTransfer", SdkEvents.chatResumedAfterTransfer(
                    body.path("agentName").asText("Agent"), body.path("isTransferFailure").asBoolean(false)));
            default -> {
                return Outcome.text(404, "Unknown session action " + action);
            }
        }
        return okJson();
    }

    private Outcome fault(Faults f, String name, JsonNode body) {
        switch (name) {
            case "handover" -> f.handover();
            case "expire" -> f.expire();
            case "fail-next" -> f.failNext(required(body, "status").asInt());
            case "fail-next-post" -> failNextPost(f, body);
            case "switch-server" -> f.switchServer(required(body, "newUrl").asText());
            case "latency" -> f.latency(Duration.ofMillis(millis(required(body, "millis"))));
            case "drop-next-poll" -> f.dropNextPoll();
            case "duplicate-next-event" -> f.duplicateNextEvent();
            case "drop-burst-messages" -> f.dropBurstMessages(Duration.ofMillis(required(body, "windowMillis").asLong()));
            case "typing-out-of-order" -> f.typingOutOfOrder();
            case "drop-stream" -> f.dropStream();
            case "rate-limits" -> f.rateLimits();
            case "new-session-required" -> f.newSessionRequired();
            case "replay-gap" -> f.replayGap();
            case "clear" -> f.clear();
            default -> {
                return Outcome.text(404, "Unknown fault " + name);
            }
        }
        return okJson();
    }

    private static EnhancedConversation conversation(EmulatedSession s, String action) {
        if (s instanceof EnhancedConversation c) {
            return c;
        }
        throw new IllegalStateException("Action " + action + " is for Enhanced Chat conversations; " + s.id()
                + " is a Live Agent session");
    }

    /** {@code {"status":409,"actual":M}} names the server's count; {@code actual} makes sense with 409 only. */
    private static void failNextPost(Faults f, JsonNode body) {
        int status = required(body, "status").asInt();
        if (!body.has("actual")) {
            f.failNextPost(status);
            return;
        }
        if (status != 409 || !body.get("actual").canConvertToLong() || !body.get("actual").isIntegralNumber()) {
            throw new IllegalArgumentException("Invalid field actual: a non-negative integer, with status 409 only");
        }
        f.failNextPostOutOfSync(body.get("actual").asLong());
    }

    private static ObjectNode summary(EmulatedSession s) {
        ObjectNode o = Json.object();
        o.put("id", s.id());
        if (s instanceof EnhancedConversation c) {
            o.put("api", "enhancedChat");
            o.put("routingStatus", c.routingStatus().name());
        }
        o.put("state", s.state().name());
        o.put("affinityToken", s.affinityToken());
        o.put("visitorName", s.visitorName());
        o.put("pollInFlight", s.pollInFlight());
        o.put("pollCount", s.pollCount());
        o.put("conflictCount", s.conflictCount());
        SessionState state = s.state();
        if (state == SessionState.REQUESTED || state == SessionState.QUEUED) {
            o.put("queuePosition", queuePosition(s));
        } else {
            o.putNull("queuePosition");
        }
        return o;
    }

    /** The position the visitor was last told: from the latest ChatRequestSuccess or QueueUpdate event. */
    private static int queuePosition(EmulatedSession s) {
        var entries = s.transcript().entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            TranscriptEntry e = entries.get(i);
            if (e.direction() != Direction.SERVER) {
                continue;
            }
            String field = switch (e.type()) {
                case "ChatRequestSuccess", "ChasitorSessionData" -> "queuePosition";
                case "QueueUpdate" -> "position";
                default -> null;
            };
            if (field != null) {
                try {
                    return Json.read(e.body()).path(field).asInt(0);
                } catch (Exception unreadable) {
                    return 0; // the emulator wrote this event itself; an unreadable one is an emit() of junk
                }
            }
        }
        return 0;
    }

    /** The session's poll counts and its latest polls and abandoned polls with their times (ISO-8601). */
    private static ObjectNode polls(EmulatedSession s) {
        ObjectNode o = Json.object();
        o.put("id", s.id());
        o.put("pollCount", s.pollCount());
        o.put("duplicatePolls", s.conflictCount());
        ArrayNode polls = o.putArray("polls");
        s.polls().forEach(r -> polls.addObject().put("at", r.at().toString()).put("client", r.client()));
        ArrayNode abandoned = o.putArray("abandoned");
        s.abandonedPolls().forEach(t -> abandoned.add(t.toString()));
        return o;
    }

    private static ArrayNode transcript(EmulatedSession s) {
        ArrayNode list = Json.array();
        for (TranscriptEntry e : s.transcript().entries()) {
            ObjectNode o = list.addObject();
            o.put("at", e.at().toString());
            o.put("direction", e.direction().name());
            o.put("type", e.type());
            o.put("sequence", e.sequence());
            o.put("body", e.body());
            o.put("duplicate", e.duplicate());
        }
        return list;
    }

    private static byte[] base64(JsonNode n) {
        try {
            return java.util.Base64.getDecoder().decode(n.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid field contentBase64: the file's bytes in base64");
        }
    }

    /** The strings of a JSON array field, e.g. {@code items: ["Yes","No"]}. */
    private static List<String> texts(JsonNode array, String field) {
        if (!array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("Field " + field + " must be a non-empty array of strings, e.g. [\"Yes\",\"No\"]");
        }
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static long millis(JsonNode n) {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException("Invalid field millis: an integer from 0 to " + FaultSettings.MAX_LATENCY.toMillis());
        }
        return n.asLong();
    }

    private static JsonNode required(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            throw new IllegalArgumentException("Missing required field: " + field);
        }
        return body.get(field);
    }

    private static Outcome json(JsonNode node) {
        return Outcome.json(Json.write(node));
    }

    private static Outcome okJson() {
        return Outcome.json("{\"ok\":true}");
    }

    private void send(HttpServerRequest req, Outcome o) {
        replies.send(req, o, Duration.ZERO);
    }
}
