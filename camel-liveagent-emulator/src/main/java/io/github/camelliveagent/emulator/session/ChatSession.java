package io.github.camelliveagent.emulator.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.fault.FaultSettings;
import io.github.camelliveagent.emulator.fault.Faults;
import io.github.camelliveagent.emulator.transcript.Direction;
import io.github.camelliveagent.emulator.transcript.RecordingTranscript;
import io.github.camelliveagent.emulator.transcript.Transcript;
import io.github.camelliveagent.emulator.transcript.TranscriptEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One emulated chat session: the state machine of spec §5.1, the append-only event log behind the Messages
 * long poll (§3), the POST sequence rules (§5.4) and the hand-over procedure (§5.3).
 *
 * <p>All state sits behind one monitor. Nothing done under it blocks: answering a held poll only hands the
 * reply to the HTTP layer, which writes it on the event loop, and agent callbacks are queued on the
 * scheduler. The session key is a credential and is never logged; the id is.
 */
public final class ChatSession implements EmulatedSession {

    private static final Logger LOG = LoggerFactory.getLogger(ChatSession.class);

    /** Chat activity the guide says fails with 500 before ChatEstablished. */
    private static final Set<String> NEEDS_ACTIVE = Set.of("ChatMessage", "ChasitorTyping", "ChasitorNotTyping",
            "ChasitorSneakPeek", "CustomEvent", "ChasitorIdleTimeoutWarningEvent", "RichMessage");

    private enum Handover { NONE, PENDING, AWAITING_RESYNC }

    private record Event(long index, String type, ObjectNode message) {
    }

    private record HeldPoll(PollResponder responder, long ack, Scheduler.Cancellable timer) {
    }

    private final String id;
    private final String key;
    private final SessionEnvironment env;
    private final FaultSettings faults;
    private final RecordingTranscript transcript = new RecordingTranscript();
    private final long offsetBase = 1_000_000_000L + ThreadLocalRandom.current().nextLong(500_000_000L);

    // --- guarded by this ---
    private String affinityToken;
    private SessionState state = SessionState.CREATED;
    private Handover handover = Handover.NONE;
    private final List<Event> log = new ArrayList<>();
    private long lastReturned = -1;
    private long lastAcked = -1;
    private long resyncFloor = -1;
    private boolean snapshotDue;
    private long lastSequence;
    private HeldPoll held;
    private long lastPollActivityNanos = System.nanoTime();
    private int pollCount;
    private int conflictCount;
    private String replay;
    private int apiVersion;
    private String visitorName;
    private boolean receiveQueueUpdates = true;
    private int queuePosition = 1;
    private String agentName;
    private String agentId;
    private boolean endNotified;

    ChatSession(String id, String key, String affinityToken, int apiVersion, SessionEnvironment env) {
        this.id = id;
        this.key = key;
        this.affinityToken = affinityToken;
        this.apiVersion = apiVersion;
        this.env = env;
        this.faults = new FaultSettings(this::startHandover, this::expire, this::emitSwitchServer);
    }

    // ------------------------------------------------------------------ public API

    @Override
    public String id() {
        return id;
    }

    /** Records the API version of the latest call; event fields are gated by it (spec §1.2). */
    public synchronized void apiVersion(int version) {
        apiVersion = version;
    }

    /** The secret session key; package-private so that only the registry (for look-ups) can see it. */
    String key() {
        return key;
    }

    @Override
    public synchronized SessionState state() {
        return handover != Handover.NONE && state != SessionState.GONE ? SessionState.HANDOVER : state;
    }

    @Override
    public synchronized String affinityToken() {
        return affinityToken;
    }

    @Override
    public synchronized String visitorName() {
        return visitorName;
    }

    @Override
    public synchronized void queueUpdate(int position) {
        requireChatState("queueUpdate", SessionState.REQUESTED, SessionState.QUEUED);
        queuePosition = position;
        if (receiveQueueUpdates) {
            append("QueueUpdate", EventPayloads.queueUpdate(apiVersion, position));
        }
    }

    @Override
    public synchronized void accept(String agentName) {
        Objects.requireNonNull(agentName, "agentName");
        requireChatState("accept", SessionState.REQUESTED, SessionState.QUEUED);
        joinAgent(agentName);
        state = SessionState.ACTIVE;
        LOG.info("Session {}: agent {} accepted the chat", id, agentName);
        append("ChatEstablished", EventPayloads.agentJoined(apiVersion, agentName, agentId, true));
    }

    @Override
    public synchronized void reject(String reason) {
        Objects.requireNonNull(reason, "reason");
        // a ChatRequestFail can also arrive mid-chat when the agent drops out (spec §4.1)
        requireChatState("reject", SessionState.REQUESTED, SessionState.QUEUED, SessionState.ACTIVE);
        append("ChatRequestFail", EventPayloads.chatRequestFail(reason));
        end("rejected: " + reason);
    }

    @Override
    public synchronized void agentMessage(String text) {
        Objects.requireNonNull(text, "text");
        requireChatState("agentMessage", SessionState.ACTIVE);
        append("ChatMessage", EventPayloads.chatMessage(agentName, text, agentId));
    }

    @Override
    public synchronized void agentTyping() {
        requireChatState("agentTyping", SessionState.ACTIVE);
        append("AgentTyping", EventPayloads.agentTyping(agentName, agentId));
    }

    @Override
    public synchronized void agentNotTyping() {
        requireChatState("agentNotTyping", SessionState.ACTIVE);
        append("AgentNotTyping", EventPayloads.agentTyping(agentName, agentId));
    }

    @Override
    public synchronized void transfer(String newAgentName) {
        Objects.requireNonNull(newAgentName, "newAgentName");
        requireChatState("transfer", SessionState.ACTIVE);
        joinAgent(newAgentName);
        append("ChatTransferred", EventPayloads.agentJoined(apiVersion, newAgentName, agentId, true));
    }

    @Override
    public synchronized void agentDisconnect() {
        requireChatState("agentDisconnect", SessionState.ACTIVE);
        append("AgentDisconnect", Json.object());
    }

    @Override
    public synchronized void customEvent(String type, String data) {
        Objects.requireNonNull(type, "type");
        requireChatState("customEvent", SessionState.ACTIVE);
        append("CustomEvent", EventPayloads.customEvent(type, data));
    }

    @Override
    public synchronized void fileTransfer(String type) {
        if (!Set.of("Requested", "Canceled", "Success", "Failure").contains(type)) {
            throw new IllegalArgumentException("FileTransfer type must be Requested, Canceled, Success or Failure: " + type);
        }
        requireChatState("fileTransfer", SessionState.ACTIVE);
        append("FileTransfer", EventPayloads.fileTransfer(type, env.baseUrl().get(), UUID.randomUUID().toString()));
    }

    @Override
    public synchronized void endChat() {
        requireChatState("endChat", SessionState.REQUESTED, SessionState.QUEUED, SessionState.ACTIVE);
        append("ChatEnded", EventPayloads.chatEnded("agent"));
        end("ended by the agent");
    }

    @Override
    public synchronized void emit(String type, JsonNode message) {
        Objects.requireNonNull(type, "type");
        if (state == SessionState.GONE) {
            throw new IllegalStateException("session " + id + " is GONE");
        }
        ObjectNode m = message instanceof ObjectNode o ? o.deepCopy() : Json.object();
        append(type, m);
    }

    @Override
    public Transcript transcript() {
        return transcript;
    }

    @Override
    public Faults faults() {
        return faults;
    }

    /** The per-session fault state, for the HTTP layer. */
    public FaultSettings faultSettings() {
        return faults;
    }

    @Override
    public synchronized boolean pollInFlight() {
        return held != null;
    }

    @Override
    public synchronized int pollCount() {
        return pollCount;
    }

    @Override
    public synchronized int conflictCount() {
        return conflictCount;
    }

    @Override
    public void after(Duration delay, Runnable action) {
        env.scheduler().schedule(delay, () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("Session {}: delayed agent action failed: {}", id, e.toString());
            }
        });
    }

    // ------------------------------------------------------------------ calls from the HTTP layer

    /**
     * Checks that a session call may proceed: null if so, else the refusal (403 gone / 503 hand-over / 403 affinity).
     */
    public synchronized Outcome admit(String affinityHeader) {
        if (state == SessionState.GONE) {
            return Outcome.text(403, "Session is not valid");
        }
        if (handover == Handover.PENDING) {
            return Outcome.text(503, "Service Unavailable: affinity changed, reconnect the session");
        }
        if (!affinityToken.equals(affinityHeader)) {
            return Outcome.text(403, "Invalid X-LIVEAGENT-AFFINITY for this session");
        }
        return null;
    }

    /** A Messages long poll; answered now or held until an event arrives or the hold time passes. */
    public synchronized void poll(String ackParam, PollResponder responder) {
        pollCount++;
        if (state == SessionState.GONE) {
            responder.respond(Outcome.text(403, "Session is not valid"));
            return;
        }
        if (env.globalFaults().takeDropPoll() | faults.takeDropPoll()) {
            lastPollActivityNanos = System.nanoTime();
            responder.drop();
            return;
        }
        if (held != null) {
            // the documented rule: a duplicate long poll terminates the chat (spec §3.3)
            conflictCount++;
            HeldPoll first = held;
            held = null;
            first.timer().cancel();
            Outcome conflict = Outcome.text(409, "Conflict: duplicate long poll, the chat has been terminated");
            first.responder().respond(conflict);
            responder.respond(conflict);
            LOG.info("Session {}: second concurrent Messages poll, chat terminated", id);
            gone("terminated by a duplicate poll");
            return;
        }
        if (snapshotDue) {
            startStreamAfterHandover(ackParam);
        }
        long ack = parseAck(ackParam);
        if (replay != null) {
            String again = replay;
            replay = null;
            answer(responder, Outcome.json(again));
            return;
        }
        Outcome ready = payloadAfter(ack);
        if (ready != null) {
            answer(responder, ready);
            return;
        }
        if (state == SessionState.ENDED) {
            // everything, including the final ChatEnded, has been delivered: the session is spent
            answer(responder, Outcome.text(403, "Session has ended"));
            gone("ended and drained");
            return;
        }
        HeldPoll[] self = new HeldPoll[1];
        Scheduler.Cancellable timer = env.scheduler().schedule(env.holdTime(), () -> holdExpired(self[0]));
        self[0] = new HeldPoll(responder, ack, timer);
        held = self[0];
    }

    /**
     * Remembers the ack of a Messages poll that is refused (503 during a hand-over), so that ReconnectSession
     * knows what the client already has. Only polls carrying the current affinity count.
     */
    public synchronized void noteAck(String ackParam, String affinityHeader) {
        if (ackParam != null && affinityToken.equals(affinityHeader)) {
            try {
                lastAcked = Math.max(lastAcked, Long.parseLong(ackParam.trim()));
            } catch (NumberFormatException e) {
                // not an ack; the poll itself will be refused anyway
            }
        }
    }

    /** The client went away while its poll was held. */
    public synchronized void pollClosed(PollResponder responder) {
        if (held != null && held.responder() == responder) {
            held.timer().cancel();
            held = null;
            lastPollActivityNanos = System.nanoTime();
        }
    }

    /** A visitor POST of {@code noun} (never MultiNoun, which is {@link #multiNoun}). */
    public synchronized Outcome post(String noun, Long sequence, JsonNode body, String rawBody) {
        Outcome refused = refusePost(noun);
        if (refused != null) {
            return refused;
        }
        if ("ChasitorResyncState".equals(noun)) {
            return process(noun, -1, body, rawBody); // carries no sequence (spec §5.4)
        }
        Outcome seqCheck = checkSequence(noun, sequence, rawBody);
        if (seqCheck != null) {
            return seqCheck;
        }
        Outcome o = process(noun, sequence == null ? -1 : sequence, body, rawBody);
        if (o.status() == 200 && sequence != null) {
            lastSequence = sequence;
        }
        return o;
    }

    /** A MultiNoun batch: one sequence number for the whole batch, nouns applied in order, first failure wins. */
    public synchronized Outcome multiNoun(Long sequence, List<String> nouns, List<JsonNode> bodies) {
        for (String noun : nouns) {
            Outcome refused = refusePost(noun);
            if (refused != null) {
                return refused;
            }
        }
        Outcome seqCheck = checkSequence("MultiNoun", sequence, Json.write(Json.object().put("nouns", nouns.size())));
        if (seqCheck != null) {
            return seqCheck;
        }
        for (int i = 0; i < nouns.size(); i++) {
            JsonNode b = bodies.get(i);
            Outcome o = process(nouns.get(i), sequence == null ? -1 : sequence, b, Json.write(b));
            if (o.status() != 200) {
                return o;
            }
        }
        if (sequence != null) {
            lastSequence = sequence;
        }
        return Outcome.ok();
    }

    /** {@code DELETE System/SessionId/{key}}: ends a live chat (final ChatEnded still delivered), else invalidates. */
    public synchronized Outcome delete() {
        if (isChatOpen()) {
            append("ChatEnded", EventPayloads.chatEnded("client"));
            end("deleted by the visitor");
        } else {
            gone("deleted by the visitor");
        }
        return Outcome.ok();
    }

    /** The last POST sequence number accepted (0 before the first, and after a hand-over reset). */
    public synchronized long lastSequence() {
        return lastSequence;
    }

    /** {@code ReconnectSession}: completes a pending hand-over with a new affinity token (spec §5.3). */
    public synchronized Outcome reconnect(String affinityHeader) {
        if (state == SessionState.GONE) {
            return Outcome.text(403, "Session is not valid");
        }
        if (handover != Handover.PENDING) {
            return Outcome.text(405, "Method Not Allowed: no server hand-over is pending for this session");
        }
        if (!"null".equals(affinityHeader) && !affinityToken.equals(affinityHeader)) {
            return Outcome.text(403, "Invalid X-LIVEAGENT-AFFINITY for this session");
        }
        affinityToken = SessionRegistry.newAffinityToken();
        handover = Handover.AWAITING_RESYNC;
        lastSequence = 0;
        // the snapshot is taken at the first poll: only that poll's ack tells what the client really has
        snapshotDue = true;
        LOG.info("Session {}: reconnected after hand-over", id);
        ObjectNode reply = Json.envelope("ReconnectSession", EventPayloads.reconnectSession(affinityToken));
        return Outcome.json(Json.write(reply));
    }

    /** Whether a session that has not polled recently must expire now. */
    synchronized boolean expireIfIdle(long nowNanos) {
        if (state == SessionState.GONE || held != null) {
            return false;
        }
        if (nowNanos - lastPollActivityNanos > env.clientPollTimeout().toNanos()) {
            gone("expired: no Messages poll within clientPollTimeout");
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ internals

    private Outcome refusePost(String noun) {
        if (state == SessionState.ENDED || state == SessionState.GONE) {
            return Outcome.text(403, "Session is not valid: the chat has ended");
        }
        if (handover == Handover.AWAITING_RESYNC && !"ChasitorResyncState".equals(noun)) {
            // 500, not 503: a 503 would send a well-behaved client into another ReconnectSession, which then 405s
            return Outcome.text(500, "Internal Server Error: ChasitorResyncState expected after ReconnectSession");
        }
        return null;
    }

    private Outcome checkSequence(String noun, Long sequence, String rawBody) {
        if (sequence == null) {
            return null;
        }
        if (sequence <= lastSequence) {
            transcript.visitorPost(noun, sequence, rawBody, true);
            LOG.debug("Session {}: duplicate {} with sequence {} ignored", id, noun, sequence);
            return Outcome.ok();
        }
        if (sequence > lastSequence + 1) {
            // wording as observed by IBM: Expected = what the client sent, Actual = last accepted (spec §3.3/§5.4)
            return Outcome.text(409, "Out of sync Ack. Expected " + sequence + ". Actual " + lastSequence);
        }
        return null;
    }

    private Outcome process(String noun, long sequence, JsonNode body, String rawBody) {
        if (state == SessionState.CREATED && !"ChasitorInit".equals(noun)) {
            // same failure class as chat activity before ChatEstablished: there is no chat to act on yet
            return Outcome.text(500, "Internal Server Error: ChasitorInit must be the first request of the session");
        }
        if (NEEDS_ACTIVE.contains(noun) && state != SessionState.ACTIVE) {
            return Outcome.text(500, "Internal Server Error: no chat established for " + noun);
        }
        return switch (noun) {
            case "ChasitorInit" -> chasitorInit(sequence, body, rawBody);
            case "ChatMessage" -> {
                String text = body.path("text").isTextual() ? body.path("text").asText() : null;
                if (text == null) {
                    yield Outcome.text(400, "Missing required field: text");
                }
                transcript.visitorPost(noun, sequence, rawBody, false);
                notifyAgent(a -> a.onVisitorMessage(this, text));
                yield Outcome.ok();
            }
            case "ChatEnd" -> {
                if (!body.hasNonNull("reason")) {
                    yield Outcome.text(400, "Missing required field: reason");
                }
                transcript.visitorPost(noun, sequence, rawBody, false);
                append("ChatEnded", EventPayloads.chatEnded("client"));
                end("ended by the visitor");
                yield Outcome.ok();
            }
            case "ChasitorResyncState" -> {
                transcript.visitorPost(noun, sequence, rawBody, false);
                if (handover == Handover.AWAITING_RESYNC) {
                    handover = Handover.NONE;
                    LOG.info("Session {}: state resynchronised after hand-over", id);
                }
                yield Outcome.ok();
            }
            default -> {
                // typing, sneak peek, custom events, idle warnings, sensitive-data reports, rich messages:
                // nothing for the emulated agent to do, but the transcript must show them
                transcript.visitorPost(noun, sequence, rawBody, false);
                yield Outcome.ok();
            }
        };
    }

    private Outcome chasitorInit(long sequence, JsonNode body, String rawBody) {
        if (state != SessionState.CREATED) {
            return Outcome.text(500, "Internal Server Error: the chat has already been requested");
        }
        for (String field : List.of("organizationId", "deploymentId", "buttonId", "sessionId")) {
            if (!body.hasNonNull(field) || body.get(field).asText().isEmpty()) {
                return Outcome.text(400, "Missing required field: " + field);
            }
        }
        if (!id.equals(body.get("sessionId").asText())) {
            return Outcome.text(400, "Invalid field sessionId: it must be the id returned by SessionId");
        }
        transcript.visitorPost("ChasitorInit", sequence, rawBody, false);
        visitorName = body.path("visitorName").asText(null);
        // clients send booleans as strings too (spec §2.2); only an explicit false turns updates off
        receiveQueueUpdates = !"false".equalsIgnoreCase(body.path("receiveQueueUpdates").asText("true"));
        state = SessionState.REQUESTED;
        LOG.info("Session {}: chat requested on button {}", id, body.get("buttonId").asText());
        if (routable(body)) {
            queuePosition = 1;
            append("ChatRequestSuccess", EventPayloads.chatRequestSuccess(apiVersion, queuePosition,
                    UUID.randomUUID().toString(), body.get("prechatDetails")));
            state = SessionState.QUEUED;
            notifyAgent(a -> a.onChatRequested(this));
        } else {
            append("ChatRequestFail", EventPayloads.chatRequestFail("Unavailable"));
            end("no agent available");
        }
        return Outcome.ok();
    }

    /** Routing per spec §2.2: buttonOverrides walked in order, else agentId (with optional fallback), else button. */
    private boolean routable(JsonNode body) {
        var availability = env.availability();
        JsonNode overrides = body.path("buttonOverrides");
        if (overrides.isArray() && !overrides.isEmpty()) {
            for (JsonNode o : overrides) {
                String[] parts = o.asText().split("_");
                boolean any = false;
                for (String p : parts) {
                    any |= availability.isAvailable(p);
                }
                if (any) {
                    return true;
                }
            }
            return false;
        }
        String agent = body.path("agentId").asText("");
        boolean buttonOk = availability.isAvailable(body.get("buttonId").asText());
        if (!agent.isEmpty()) {
            boolean fallback = "true".equalsIgnoreCase(body.path("doFallback").asText("false"));
            return availability.isAvailable(agent) || (fallback && buttonOk);
        }
        return buttonOk;
    }

    /** Transcript entries for ChasitorSessionData.chatMessages. */
    private ArrayNode chatMessages() {
        ArrayNode list = Json.array();
        int n = 0;
        for (TranscriptEntry e : transcript.entries()) {
            String type;
            if (e.direction() == Direction.VISITOR && !e.duplicate() && "ChatMessage".equals(e.type())) {
                type = "Chasitor";
            } else if (e.direction() == Direction.SERVER && "ChatMessage".equals(e.type())) {
                type = "Agent";
            } else if (e.direction() == Direction.SERVER && "ChatTransferred".equals(e.type())) {
                type = "OperatorTransferred";
            } else {
                continue;
            }
            JsonNode parsed;
            try {
                parsed = Json.read(e.body());
            } catch (Exception ex) {
                continue;
            }
            ObjectNode m = list.addObject();
            m.put("type", type);
            m.put("name", "Chasitor".equals(type) ? (visitorName == null ? "" : visitorName) : parsed.path("name").asText(""));
            m.put("content", parsed.path("text").asText(""));
            m.put("timestamp", e.at().toEpochMilli());
            m.put("sequence", ++n);
        }
        return list;
    }

    /**
     * The new server's stream after a hand-over: ChasitorSessionData, then every event the client has not
     * acknowledged (re-sent under new, consecutive indices, so the client's index arithmetic keeps working);
     * older indices are never served again, whatever ack the client resumes with.
     */
    private void startStreamAfterHandover(String ackParam) {
        snapshotDue = false;
        int index = log.size();
        long clientAck = lastAcked;
        if (ackParam != null) {
            try {
                // a client that kept its ack says exactly what it has; one that reset to -1 says nothing new
                clientAck = Math.max(clientAck, Math.min(index - 1, Long.parseLong(ackParam.trim())));
            } catch (NumberFormatException e) {
                // no information
            }
        }
        List<Event> unacknowledged = new ArrayList<>(log.subList((int) Math.min(index, Math.max(0, clientAck + 1)), index));
        append("ChasitorSessionData", EventPayloads.chasitorSessionData(queuePosition, true, chatMessages()));
        // copies are redeliveries: the transcript keeps only the original entries
        for (Event e : unacknowledged) {
            log.add(new Event(log.size(), e.type(), e.message()));
        }
        resyncFloor = index - 1;
    }

    private long parseAck(String ackParam) {
        long ack = lastReturned; // absent ack: as if the client acknowledged everything it was sent (spec §3.2)
        if (ackParam != null) {
            try {
                ack = Long.parseLong(ackParam.trim());
            } catch (NumberFormatException e) {
                // lenient like the real server seems to be with odd clients; treat as absent
            }
        }
        ack = Math.max(ack, resyncFloor);
        lastAcked = Math.max(lastAcked, ack);
        return ack;
    }

    /** The reply for a poll acknowledging {@code ack}, or null when there is nothing newer. */
    private Outcome payloadAfter(long ack) {
        if (ack + 1 >= log.size()) {
            return null;
        }
        ObjectNode root = Json.object();
        ArrayNode messages = root.putArray("messages");
        long last = -1;
        for (int i = (int) Math.max(0, ack + 1); i < log.size(); i++) {
            Event e = log.get(i);
            ObjectNode m = messages.addObject();
            m.put("type", e.type());
            m.set("message", e.message());
            last = e.index();
        }
        root.put("sequence", last);
        root.put("offset", offsetBase + (last + 1) * 1024L);
        lastReturned = Math.max(lastReturned, last);
        String json = Json.write(root);
        if (env.globalFaults().takeDuplicate() | faults.takeDuplicate()) {
            replay = json;
        }
        return Outcome.json(json);
    }

    private void append(String type, ObjectNode message) {
        long index = log.size();
        log.add(new Event(index, type, message));
        transcript.serverEvent(type, index, Json.write(message));
        if (held != null) {
            Outcome ready = payloadAfter(held.ack());
            if (ready != null) {
                HeldPoll h = held;
                held = null;
                h.timer().cancel();
                answer(h.responder(), ready);
            }
        }
    }

    private void answer(PollResponder responder, Outcome outcome) {
        lastPollActivityNanos = System.nanoTime();
        responder.respond(outcome);
    }

    private synchronized void holdExpired(HeldPoll poll) {
        if (held == poll && poll != null) {
            held = null;
            answer(poll.responder(), Outcome.noContent());
        }
    }

    private synchronized void startHandover() {
        if (state == SessionState.GONE) {
            return;
        }
        handover = Handover.PENDING;
        LOG.info("Session {}: server hand-over started", id);
        if (held != null) {
            HeldPoll h = held;
            held = null;
            h.timer().cancel();
            answer(h.responder(), Outcome.text(503, "Service Unavailable: affinity changed, reconnect the session"));
        }
    }

    private synchronized void expire() {
        if (state != SessionState.GONE) {
            gone("expired by fault injection");
        }
    }

    private synchronized void emitSwitchServer(String newUrl) {
        if (state != SessionState.GONE) {
            append("SwitchServer", EventPayloads.switchServer(newUrl));
        }
    }

    private void joinAgent(String name) {
        agentName = name;
        // a stable, Salesforce-shaped 15-character user id ("005" + 12 base-36 digits) per agent name
        String digits = Long.toString((name.hashCode() & 0xffffffffL) + 1_000_000_000_000L, 36).toUpperCase();
        agentId = "005" + "000000000000".substring(digits.length()) + digits;
    }

    private boolean isChatOpen() {
        return state == SessionState.CREATED || state == SessionState.REQUESTED
                || state == SessionState.QUEUED || state == SessionState.ACTIVE;
    }

    private void end(String why) {
        state = SessionState.ENDED;
        LOG.info("Session {}: chat ended ({})", id, why);
        notifyEnded();
    }

    private void gone(String why) {
        state = SessionState.GONE;
        handover = Handover.NONE;
        snapshotDue = false;
        if (held != null) {
            HeldPoll h = held;
            held = null;
            h.timer().cancel();
            answer(h.responder(), Outcome.text(403, "Session is not valid"));
        }
        LOG.info("Session {}: invalidated ({})", id, why);
        notifyEnded();
    }

    private void notifyEnded() {
        if (!endNotified) {
            endNotified = true;
            notifyAgent(a -> a.onChatEnded(this));
        }
    }

    private void notifyAgent(Consumer<io.github.camelliveagent.emulator.agent.AgentBehaviour> call) {
        // queued, not called here: the behaviour acts on this session and must see the request's effects complete
        env.scheduler().execute(() -> {
            try {
                call.accept(env.agent());
            } catch (RuntimeException e) {
                LOG.warn("Session {}: agent behaviour failed: {}", id, e.toString());
            }
        });
    }

    private void requireChatState(String action, SessionState... allowed) {
        SessionState current = state;
        for (SessionState s : allowed) {
            if (s == current) {
                return;
            }
        }
        throw new IllegalStateException(action + " is not possible in state " + current + " of session " + id);
    }
}
