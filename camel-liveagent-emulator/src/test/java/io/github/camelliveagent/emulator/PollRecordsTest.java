package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.PollRecord;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a high-availability test needs from the emulator: a node that dies while its poll is held (the kernel closes its
 * connection, gracefully or with a reset) frees the session's poll slot, so the node that takes the chat over polls
 * without being taken for a duplicate poll (409, chat over); and each session's polls, abandoned polls and duplicate
 * polls can be read with their times, through the Java API and the HTTP control API.
 */
class PollRecordsTest extends EmulatorTestBase {

    /** A dead node's held poll: its connection closes with a FIN ({@code kill -9}: the kernel closes the socket) or a reset. */
    private Socket heldPollOnOwnConnection(Visitor v, long ack, boolean reset) throws Exception {
        EmulatedSession s = emu.session(v.id);
        int before = s.pollCount();
        Socket socket = new Socket("127.0.0.1", emu.port());
        if (reset) {
            socket.setSoLinger(true, 0); // close() sends RST instead of FIN
        }
        OutputStream out = socket.getOutputStream();
        out.write(("GET /chat/rest/System/Messages?ack=" + ack + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-LIVEAGENT-API-VERSION: 42\r\nX-LIVEAGENT-AFFINITY: " + v.affinity + "\r\n"
                + "X-LIVEAGENT-SESSION-KEY: " + v.key + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        await().atMost(Duration.ofSeconds(5)).until(() -> s.pollCount() > before && s.pollInFlight());
        return socket;
    }

    private void takeoverWithoutDuplicate(boolean reset) throws Exception {
        Visitor v = activeVisitor(); // default abandoned-poll policy: release
        EmulatedSession s = emu.session(v.id);
        long ack = v.poll(-1).sequence();
        Socket dying = heldPollOnOwnConnection(v, ack, reset);
        String deadClient = "127.0.0.1:" + dying.getLocalPort();
        Instant died = Instant.now();
        dying.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !s.pollInFlight());

        // the new owner polls on a connection of its own and gets the agent's next message
        s.agentMessage("still there?");
        Reply next = v.poll(ack);
        List<PollRecord> polls = s.polls();
        System.out.printf("%s: polls %d, abandoned %s, duplicate polls %d, clients %s%n", reset ? "reset" : "close",
                s.pollCount(), s.abandonedPolls().size(), s.conflictCount(), polls.stream().map(PollRecord::client).toList());
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.types()).containsExactly("ChatMessage");
        assertThat(s.conflictCount()).as("duplicate polls").isZero();
        assertThat(s.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(s.abandonedPolls()).as("the dead client's poll, abandoned once").hasSize(1);
        assertThat(s.abandonedPolls().get(0)).isAfterOrEqualTo(died);
        assertThat(polls).hasSize(s.pollCount());
        assertThat(polls.get(polls.size() - 2).client()).isEqualTo(deadClient);
        PollRecord takeover = polls.get(polls.size() - 1);
        assertThat(takeover.client()).isNotEqualTo(deadClient).startsWith("127.0.0.1:");
        assertThat(takeover.at()).isAfterOrEqualTo(s.abandonedPolls().get(0));
    }

    @Test
    void aDeadClientsHeldPollIsReleasedWhenItsConnectionCloses() throws Exception {
        takeoverWithoutDuplicate(false);
    }

    @Test
    void aDeadClientsHeldPollIsReleasedWhenItsConnectionIsReset() throws Exception {
        takeoverWithoutDuplicate(true);
    }

    @Test
    void aRealDuplicatePollStillEndsTheChatAndIsCounted() throws Exception {
        Visitor v = activeVisitor();
        EmulatedSession s = emu.session(v.id);
        long ack = v.poll(-1).sequence();
        try (Socket first = heldPollOnOwnConnection(v, ack, false)) {
            Reply second = v.poll(ack);
            System.out.printf("duplicate: polls %d, duplicate polls %d, state %s%n", s.pollCount(), s.conflictCount(), s.state());
            assertThat(second.status()).isEqualTo(409);
            assertThat(s.conflictCount()).isEqualTo(1);
            assertThat(s.state()).isEqualTo(SessionState.GONE);
            assertThat(s.abandonedPolls()).as("answered 409, not abandoned").isEmpty();
        }
    }

    @Test
    void pollsOverTheControlApi() throws Exception {
        Visitor v = activeVisitor();
        EmulatedSession s = emu.session(v.id);
        long ack = v.poll(-1).sequence();
        heldPollOnOwnConnection(v, ack, false).close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !s.pollInFlight());
        Reply r = client.send("GET", "/emulator/sessions/" + v.id + "/polls", null);
        System.out.println("polls over HTTP: " + r.body());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asText()).isEqualTo(v.id);
        assertThat(r.json().path("pollCount").asInt()).isEqualTo(s.pollCount()).isGreaterThanOrEqualTo(2);
        assertThat(r.json().path("duplicatePolls").asInt()).isZero();
        assertThat(r.json().path("polls")).hasSize(s.pollCount());
        assertThat(Instant.parse(r.json().path("polls").get(0).path("at").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(r.json().path("polls").get(0).path("client").asText()).startsWith("127.0.0.1:");
        assertThat(r.json().path("abandoned")).hasSize(1);
        assertThat(r.body()).doesNotContain(v.key);
        assertThat(client.send("GET", "/emulator/sessions/nope/polls", null).status()).isEqualTo(404);
    }
}
