package io.github.camelliveagent.component.poll;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.camelliveagent.component.session.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pacer holds a chat's next poll back only until the interval since the previous one has passed. */
class PollPacerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final Timer timer = new Timer(executor, () -> true);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aPollWhosePredecessorWasHeldLongerThanTheIntervalGoesAtOnceOnTheCallersThread() {
        PollPacer pacer = new PollPacer(timer, 200);
        Thread[] ranOn = new Thread[1];
        pacer.pace(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(300), () -> ranOn[0] = Thread.currentThread());
        assertThat(ranOn[0]).isSameAs(Thread.currentThread());
        assertThat(pacer.waiting()).isZero();
    }

    @Test
    void withoutAnIntervalEveryPollGoesAtOnce() {
        PollPacer pacer = new PollPacer(timer, 0);
        boolean[] ran = new boolean[1];
        pacer.pace(System.nanoTime(), () -> ran[0] = true);
        assertThat(ran[0]).isTrue();
    }

    @Test
    void aPollAnsweredSoonerWaitsOutTheRestOfTheIntervalThenGoesOnTheTimer() throws Exception {
        PollPacer pacer = new PollPacer(timer, 200);
        long sent = System.nanoTime();
        CompletableFuture<Long> ranAfter = new CompletableFuture<>();
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        pacer.pace(sent, () -> {
            ranOn.complete(Thread.currentThread());
            ranAfter.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
        });
        assertThat(ranAfter).isNotDone();
        assertThat(pacer.waiting()).isEqualTo(1);
        long after = ranAfter.get(5, TimeUnit.SECONDS);
        System.out.println("PollPacerTest: the paced poll went " + after + " ms after its predecessor (interval 200 ms)");
        assertThat(after).isGreaterThanOrEqualTo(200);
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(pacer.waiting()).isZero();
    }

    @Test
    void aPollDueSoonerGoesBeforeOneQueuedEarlierThatIsDueLater() throws Exception {
        PollPacer pacer = new PollPacer(timer, 1000);
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> both = new CompletableFuture<>();
        long now = System.nanoTime();
        // a chat whose poll was just answered at once: its next poll is due in a second
        pacer.pace(now, () -> {
            order.add("due in 1 s");
            both.complete(null);
        });
        // a chat whose poll was held for 950 ms: its next poll is due in 50 ms and must not wait for the other one
        pacer.pace(now - TimeUnit.MILLISECONDS.toNanos(950), () -> order.add("due in 50 ms"));
        both.get(5, TimeUnit.SECONDS);
        assertThat(order).containsExactly("due in 50 ms", "due in 1 s");
    }

    @Test
    void aPollThatThrowsDoesNotKeepTheOnesBehindItFromGoing() throws Exception {
        PollPacer pacer = new PollPacer(timer, 100);
        long sent = System.nanoTime();
        CompletableFuture<Boolean> second = new CompletableFuture<>();
        pacer.pace(sent, () -> {
            throw new IllegalStateException("a broken poll");
        });
        pacer.pace(sent, () -> second.complete(true));
        assertThat(second.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(pacer.waiting()).isZero();
    }
}
