package io.github.camelliveagent.component.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared outbox table: order kept, a call id recorded once, numbers and outcomes kept for the next owner. */
class SharedOutboxTableTest {

    private static SharedOutboxTable table() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new SharedOutboxTable(ds, "LIVEAGENT_OUTBOX");
    }

    private static SharedCall call(String id, String session, int shard, String text) {
        return new SharedCall(id, 0, session, shard, "chatMessage", "POST", "Chasitor/ChatMessage",
                ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8), true, true, 5000, null);
    }

    @Test
    void callsComeBackInTheOrderTheyWereRecordedForTheOwnedShardsOnly() throws Exception {
        SharedOutboxTable outbox = table();
        assertThat(outbox.record(call("m-1", "s1", 0, "one"))).isTrue();
        assertThat(outbox.record(call("m-2", "s2", 1, "other shard"))).isTrue();
        assertThat(outbox.record(call("m-3", "s1", 0, "two"))).isTrue();
        assertThat(outbox.record(call("m-1", "s1", 0, "one again"))).as("the same call id is recorded once").isFalse();

        List<SharedCall> open = outbox.open(Set.of(0), 100);
        System.out.printf("outbox: open on shard 0 %s%n", open);
        assertThat(open).extracting(SharedCall::callId).containsExactly("m-1", "m-3");
        assertThat(new String(open.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"one\"}");
        assertThat(open.get(0).sequence()).isNull();

        // the owner numbered m-1 and died: the next owner finds the number
        outbox.numbered("m-1", 7);
        assertThat(outbox.open(Set.of(0), 100).get(0).sequence()).isEqualTo(7L);

        outbox.done(new SharedCallOutcome("m-1", true, 200, null, "ACTIVE"));
        outbox.done(new SharedCallOutcome("m-3", false, 403, "the session is not valid", "ENDED"));
        assertThat(outbox.open(Set.of(0), 100)).isEmpty();
        List<SharedCallOutcome> outcomes = outbox.outcomes(List.of("m-1", "m-2", "m-3"));
        assertThat(outcomes).extracting(SharedCallOutcome::callId).containsExactlyInAnyOrder("m-1", "m-3");
        assertThat(outcomes).filteredOn(o -> o.callId().equals("m-3")).singleElement()
                .satisfies(o -> {
                    assertThat(o.success()).isFalse();
                    assertThat(o.status()).isEqualTo(403);
                    assertThat(o.error()).contains("not valid");
                });
        assertThat(outbox.purge(-1)).as("finished calls are purged, open ones stay").isEqualTo(2);
        assertThat(outbox.open(Set.of(1), 100)).hasSize(1);
    }

    @Test
    void aTableNameThatIsNotAnIdentifierIsRefusedNamingIt() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:outbox-bad;DB_CLOSE_DELAY=-1");
        assertThatThrownBy(() -> new SharedOutboxTable(ds, "outbox; DROP TABLE x"))
                .hasMessageContaining("Shared outbox table name").hasMessageContaining("LIVEAGENT_OUTBOX");
    }
}
