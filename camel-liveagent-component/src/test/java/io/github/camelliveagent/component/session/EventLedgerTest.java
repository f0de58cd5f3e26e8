package io.github.camelliveagent.component.session;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's numbers, one rule per test: acknowledged only at reply boundaries with the server's own sequence,
 * events numbered by counting from that point (the same numbers when a reply comes again), the offset of the last
 * reply the routes processed completely, and what a ReconnectSession names and keeps.
 */
class EventLedgerTest {

    private static List<Long> positions(List<EventLedger.Numbered> numbered) {
        return numbered.stream().map(EventLedger.Numbered::position).toList();
    }

    @Test
    void aFreshLedgerAcknowledgesNothingAndJudgesNoReplyStale() {
        EventLedger ledger = new EventLedger();
        assertThat(ledger.ack()).isEqualTo(-1);
        assertThat(ledger.offset()).isZero();
        assertThat(ledger.processed()).isEqualTo(-1);
        assertThat(ledger.nextPosition()).isZero();
        assertThat(ledger.isStale(0, false)).isFalse();
        assertThat(ledger.isStale(-1, false)).as("no ack yet: even a sequence of -1 is taken").isFalse();
        assertThat(ledger.hasPending()).isFalse();
    }

    @Test
    void aReplyAtOrBelowTheAckIsStaleAndAboveItIsNot() {
        EventLedger ledger = new EventLedger();
        ledger.replyProcessed(0, 0);
        assertThat(ledger.isStale(0, false)).as("sequence equal to an ack of 0").isTrue();
        assertThat(ledger.isStale(1, false)).isFalse();
        ledger.replyProcessed(5, 0);
        assertThat(ledger.isStale(5, false)).as("sequence equal to the ack").isTrue();
        assertThat(ledger.isStale(4, false)).as("sequence below the ack").isTrue();
        assertThat(ledger.isStale(6, false)).isFalse();
    }

    @Test
    void eventsAreNumberedFromZeroAndAReplyThatComesAgainKeepsItsNumbers() {
        EventLedger ledger = new EventLedger();
        List<EventLedger.Numbered> first = ledger.number(List.of(true, true));
        assertThat(positions(first)).containsExactly(0L, 1L);
        assertThat(first).allSatisfy(n -> {
            assertThat(n.seenBefore()).isFalse();
            assertThat(n.processed()).isFalse();
        });
        assertThat(ledger.hasPending()).isTrue();
        assertThat(ledger.nextPosition()).isEqualTo(2);

        // the routes took event 0 and failed on 1: the server gives the same reply again, with one more event
        ledger.handed(0);
        ledger.handed(1);
        assertThat(ledger.processed(0)).isTrue();
        List<EventLedger.Numbered> again = ledger.number(List.of(true, true, true));
        System.out.printf("ledger: first %s, again %s%n", first, again);
        assertThat(positions(again)).containsExactly(0L, 1L, 2L);
        assertThat(again.get(0)).isEqualTo(new EventLedger.Numbered(0, true, true));
        assertThat(again.get(1)).isEqualTo(new EventLedger.Numbered(1, true, false));
        assertThat(again.get(2)).isEqualTo(new EventLedger.Numbered(2, false, false));
        assertThat(ledger.nextPosition()).isEqualTo(3);
    }

    @Test
    void anEventOutsideTheStreamTakesANewNumberWhereItStandsAndTheOthersKeepTheirs() {
        EventLedger ledger = new EventLedger();
        ledger.number(List.of(true, true));
        List<EventLedger.Numbered> again = ledger.number(List.of(false, true, true));
        assertThat(positions(again)).containsExactly(2L, 0L, 1L);
        assertThat(ledger.local()).as("a component-made event takes the next free number").isEqualTo(3);
        assertThat(ledger.local()).isEqualTo(4);
        assertThat(positions(ledger.number(List.of(true, true, true)))).as("server events never take a used number")
                .containsExactly(0L, 1L, 5L);
    }

    @Test
    void handedAndProcessedOnlyMoveForward() {
        EventLedger ledger = new EventLedger();
        ledger.number(List.of(true, true, true, true));
        ledger.handed(3);
        ledger.handed(1);
        assertThat(ledger.number(List.of(true, true, true, true))).extracting(EventLedger.Numbered::seenBefore)
                .as("handed 3 then 1: everything up to 3 was seen").containsExactly(true, true, true, true);
        assertThat(ledger.processed(2)).isTrue();
        assertThat(ledger.processed(2)).as("the same position again does not move it").isFalse();
        assertThat(ledger.processed(1)).as("a lower position does not move it").isFalse();
        assertThat(ledger.processed()).isEqualTo(2);
        assertThat(ledger.processed(3)).isTrue();
        assertThat(ledger.processed()).isEqualTo(3);
    }

    @Test
    void anUnprocessedServerEventStrictlyBeforeAPositionIsFound() {
        EventLedger ledger = new EventLedger();
        ledger.number(List.of(true, true));               // 0, 1
        assertThat(ledger.hasUnprocessedBefore(0)).as("nothing before 0").isFalse();
        assertThat(ledger.hasUnprocessedBefore(1)).as("0 before 1, unprocessed").isTrue();
        ledger.processed(0);
        assertThat(ledger.hasUnprocessedBefore(1)).as("0 is processed").isFalse();
        assertThat(ledger.hasUnprocessedBefore(2)).as("1 before 2, unprocessed").isTrue();
        ledger.processed(1);
        assertThat(ledger.hasUnprocessedBefore(5)).isFalse();
    }

    @Test
    void aProcessedReplyIsAcknowledgedWithItsSequenceAndItsOffsetWhenItHasOne() {
        EventLedger ledger = new EventLedger();
        ledger.number(List.of(true));
        assertThat(ledger.replyProcessed(1, 11)).isTrue();
        assertThat(ledger.ack()).isEqualTo(1);
        assertThat(ledger.offset()).isEqualTo(11);
        assertThat(ledger.hasPending()).as("acknowledged: nothing pending").isFalse();
        assertThat(ledger.replyProcessed(1, 11)).as("same sequence, same offset: nothing changed").isFalse();
        assertThat(ledger.replyProcessed(1, 12)).as("same sequence, new offset").isTrue();
        assertThat(ledger.offset()).isEqualTo(12);
        assertThat(ledger.replyProcessed(1, 0)).as("a reply without offset keeps the last one").isFalse();
        assertThat(ledger.offset()).isEqualTo(12);
        assertThat(ledger.replyProcessed(2, 0)).as("a new sequence alone").isTrue();
        assertThat(ledger.ack()).isEqualTo(2);
        assertThat(ledger.offset()).isEqualTo(12);
        // the next reply's events are counted from the new acknowledged point
        assertThat(positions(ledger.number(List.of(true)))).containsExactly(1L);
    }

    @Test
    void aReconnectNamesTheLastCompletelyProcessedReplyAndKeepsTheNumbersOfWhatCameAfterIt() {
        EventLedger ledger = new EventLedger();
        ledger.number(List.of(true, true));               // 0, 1
        ledger.replyProcessed(3, 30);
        ledger.number(List.of(true, true));               // 2, 3: a reply the routes processed in part
        ledger.processed(2);
        assertThat(ledger.reconnecting()).isEqualTo(30);
        ledger.number(List.of(true, true, true));         // 2, 3, 4: the old server sends once more meanwhile
        ledger.replyProcessed(7, 70);
        assertThat(ledger.reconnecting()).as("a retried ReconnectSession names the same point").isEqualTo(30);
        ledger.reconnected();
        System.out.printf("ledger after reconnect: %s%n", ledger);
        assertThat(ledger.ack()).as("the first poll after it acknowledges what the reconnect named").isEqualTo(3);
        assertThat(ledger.hasPending()).isTrue();
        assertThat(ledger.isStale(3, false)).as("an ordinary reply is still judged").isTrue();
        assertThat(ledger.isStale(1, true)).as("the reply opening the new stream is taken whatever its sequence")
                .isFalse();
        assertThat(ledger.isStale(1, true)).as("but only once").isTrue();
        assertThat(positions(ledger.number(List.of(false, true, true, true, true))))
                .as("ChasitorSessionData, then the events sent again with their numbers, then a new one")
                .containsExactly(5L, 2L, 3L, 4L, 6L);
    }

    @Test
    void aReconnectThatWasDroppedIsForgottenAndTheNextOneNamesTheCurrentPoint() {
        EventLedger ledger = new EventLedger();
        ledger.replyProcessed(1, 10);
        assertThat(ledger.reconnecting()).isEqualTo(10);
        ledger.reconnectDropped();
        ledger.replyProcessed(2, 20);
        assertThat(ledger.reconnecting()).isEqualTo(20);
        ledger.reconnected();
        assertThat(ledger.ack()).isEqualTo(2);
        assertThat(ledger.hasPending()).isFalse();
    }

    @Test
    void heldEventsReportWhetherTheyChanged() {
        EventLedger ledger = new EventLedger();
        List<EventLedger.HeldEvent> one = List.of(new EventLedger.HeldEvent(4, "{}", false));
        assertThat(ledger.held(List.of())).as("nothing held, nothing to hold").isFalse();
        assertThat(ledger.held(one)).isTrue();
        assertThat(ledger.held(one)).as("the same events again").isFalse();
        assertThat(ledger.held()).isEqualTo(one);
        assertThat(ledger.held(List.of())).isTrue();
        assertThat(ledger.held()).isEmpty();
    }

    @Test
    void whatIsSavedIsWhatIsRestored() {
        EventLedger ledger = new EventLedger();
        ledger.number(List.of(true, true));
        ledger.replyProcessed(2, 22);
        ledger.number(List.of(true, true));               // 2, 3 pending
        ledger.processed(2);
        ledger.held(List.of(new EventLedger.HeldEvent(4, "{}", true)));
        EventLedger.Saved saved = ledger.save();
        assertThat(saved).isEqualTo(new EventLedger.Saved(2, 22, 4, 2, List.of(2L, 3L),
                List.of(new EventLedger.HeldEvent(4, "{}", true))));

        EventLedger restored = new EventLedger();
        restored.restore(new SessionSnapshot("s-1", "k", "a", "http://127.0.0.1:1", "52", "00D", 40,
                SessionState.ACTIVE, 9, saved.ack(), saved.offset(), null, saved.nextPosition(), saved.processed(),
                saved.pending(), saved.held(), 0, 0, false));
        assertThat(restored.save()).isEqualTo(saved);
        List<EventLedger.Numbered> again = restored.number(List.of(true, true, true));
        assertThat(again).containsExactly(new EventLedger.Numbered(2, true, true), new EventLedger.Numbered(3, false, false),
                new EventLedger.Numbered(4, false, false));
        EventLedger fromOld = new EventLedger();
        fromOld.restore(new SessionSnapshot("s-1", "k", "a", "http://127.0.0.1:1", "52", "00D", 40,
                SessionState.ACTIVE, 9, 5, 0, null, -1, -1, null, null, 0, 0, false));
        assertThat(fromOld.nextPosition()).as("a snapshot without numbering starts at 0").isZero();
    }
}
