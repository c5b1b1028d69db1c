package io.gradwatch.async;

import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.testing.GatedThreads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue's policies, driven by gates, latches and an injected clock: no test sleeps. */
@ExpectedErrorOutput("handlers that throw on purpose, logged once each")
class AsyncQueueTest {

    /** Records what the queue's thread did, in order. */
    static final class Recorder implements AsyncQueue.Handler<String> {
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void handle(String item) {
            if (item.startsWith("throw")) {
                throw new IllegalStateException(item);
            }
            log.add(item);
        }

        @Override
        public void flush() {
            log.add("flush");
        }

        @Override
        public void close() {
            log.add("close");
        }
    }

    private final GatedThreads gate = new GatedThreads();
    private final Recorder recorder = new Recorder();
    private final AtomicLong now = new AtomicLong();

    private AsyncQueue.Builder<String> builder() {
        return AsyncQueue.builder("test-queue", recorder).threadFactory(gate).clock(now::get);
    }

    private static Thread run(Runnable r) {
        Thread t = new Thread(r, "test-caller");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void dropPolicy_whenFull_dropsAndCounts_neverWaits() {
        AsyncQueue<String> q = builder().capacity(2).overflow(AsyncQueue.Overflow.dropAndCount()).build();
        assertTrue(q.offer("a"));
        assertTrue(q.offer("b"));
        assertFalse(q.offer("c"));
        assertEquals(1, q.dropped());
        gate.open();
        assertTrue(q.flush(Duration.ofSeconds(10)));
        assertEquals(List.of("a", "b", "flush"), recorder.log);
        assertEquals(0, q.waitedNanos());
    }

    @Test
    void weightBound_itemHeavierThanTheBound_isDroppedEvenWhenEmpty() {
        AsyncQueue<String> q = builder().capacity(10).bound(String::length, 3).build();
        assertTrue(q.offer("abc"));
        assertFalse(q.offer("x"), "3 + 1 > 3");
        assertFalse(q.offer("abcd"));
        assertEquals(2, q.dropped());
        gate.open();
        q.close(Duration.ofSeconds(10));
    }

    @Test
    void waitPolicy_whenFull_givesUpAfterTheBoundOnTheInjectedClock() throws InterruptedException {
        AsyncQueue<String> q = builder().capacity(1).overflow(AsyncQueue.Overflow.waitAtMost(Duration.ofSeconds(5)))
                .build();
        assertTrue(q.offer("a"));
        AtomicBoolean result = new AtomicBoolean(true);
        Thread caller = run(() -> result.set(q.offer("b")));
        while (caller.getState() != Thread.State.TIMED_WAITING && caller.isAlive()) {
            Thread.onSpinWait();
        }
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertTrue(caller.isAlive() || !result.get());
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        caller.join(10_000);
        assertFalse(caller.isAlive());
        assertFalse(result.get(), "dropped once the 5 s on the injected clock were over");
        assertEquals(1, q.dropped());
        assertTrue(q.waitedNanos() >= Duration.ofSeconds(5).toNanos());
        gate.open();
        q.close(Duration.ofSeconds(10));
        assertEquals(List.of("a", "flush", "close"), recorder.log);
    }

    @Test
    void waitPolicy_whenRoomFrees_theWaitingItemIsQueued() throws InterruptedException {
        AsyncQueue<String> q = builder().capacity(1).overflow(AsyncQueue.Overflow.waitAtMost(Duration.ofSeconds(5)))
                .build();
        assertTrue(q.offer("a"));
        AtomicBoolean result = new AtomicBoolean();
        Thread caller = run(() -> result.set(q.offer("b")));
        while (caller.getState() != Thread.State.TIMED_WAITING && caller.isAlive()) {
            Thread.onSpinWait();
        }
        gate.open();
        caller.join(10_000);
        assertTrue(result.get());
        assertTrue(q.flush(Duration.ofSeconds(10)));
        assertEquals(List.of("a", "b", "flush"), recorder.log);
    }

    @Test
    void tryOffer_neverWaits_whateverThePolicy() {
        AsyncQueue<String> q = builder().capacity(1).overflow(AsyncQueue.Overflow.waitAtMost(Duration.ofHours(1)))
                .build();
        assertTrue(q.offer("a"));
        assertFalse(q.tryOffer("b"));
        assertEquals(1, q.dropped());
        gate.open();
        q.close(Duration.ofSeconds(10));
    }

    @Test
    void close_withAHandlerThatNeverReturns_givesUpAfterTheTimeout() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        AtomicLong ticking = new AtomicLong();
        AsyncQueue<String> q = AsyncQueue.<String>builder("stuck", item -> {
            holding.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).capacity(1).clock(() -> ticking.addAndGet(1_000_000)).build(); // each reading is 1 ms later
        q.offer("blocks forever");
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        assertTrue(q.offer("queued behind it"));
        assertFalse(q.tryOffer("x"), "full: the thread holds the first item, the second waits");
        long start = System.nanoTime();
        assertFalse(q.close(Duration.ofSeconds(1)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "bounded");
        assertFalse(q.offer("late"), "closed");
        never.countDown();
    }

    @Test
    void close_drainsWhatIsQueued_flushesAndClosesTheHandler_thenDropsLateItems() {
        AsyncQueue<String> q = builder().capacity(10).build();
        q.offer("a");
        q.offer("b");
        gate.open();
        assertTrue(q.close(Duration.ofSeconds(10)));
        assertEquals(List.of("a", "b", "flush", "close"), recorder.log);
        assertFalse(q.offer("late"));
        assertEquals(1, q.dropped());
        assertTrue(q.close(Duration.ofSeconds(10)), "idempotent");
        assertFalse(q.flush(Duration.ofSeconds(1)), "nothing to flush after close");
    }

    @Test
    void whenTheHandlerThrows_theFailureIsCounted_andTheNextItemIsHandled() {
        AsyncQueue<String> q = builder().capacity(10).build();
        q.offer("throw-1");
        q.offer("b");
        gate.open();
        assertTrue(q.flush(Duration.ofSeconds(10)));
        assertEquals(1, q.failures());
        assertEquals(List.of("b", "flush"), recorder.log);
    }

    @Test
    void sync_waitsForEarlierItems_withoutFlushing() {
        AsyncQueue<String> q = builder().capacity(10).build();
        q.offer("a");
        gate.open();
        assertTrue(q.sync(Duration.ofSeconds(10)));
        assertEquals(List.of("a"), recorder.log);
    }

    @Test
    void idleQueue_ticksAtTheInterval() throws InterruptedException {
        CountDownLatch ticks = new CountDownLatch(3);
        AsyncQueue<String> q = AsyncQueue.<String>builder("ticking", new AsyncQueue.Handler<>() {
            @Override
            public void handle(String item) {
            }

            @Override
            public void tick() {
                ticks.countDown();
            }
        }).capacity(1).tickEvery(Duration.ofMillis(1)).build();
        assertTrue(ticks.await(10, TimeUnit.SECONDS), "three ticks without any item");
        q.close(Duration.ofSeconds(10));
    }

    @Test
    void builder_rejectsAnUnboundedQueue_andBadBounds() {
        AsyncQueue.Builder<String> b = AsyncQueue.builder("q", recorder);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("must be bounded"), e.getMessage());
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> b.capacity(0));
        assertTrue(bad.getMessage().contains("at least 1"), bad.getMessage());
    }
}
