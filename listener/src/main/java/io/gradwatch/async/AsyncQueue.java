package io.gradwatch.async;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * gradwatch's one asynchronous-publishing primitive: callers {@link #offer} items into a bounded
 * queue, one thread (from an injected {@link ThreadFactory}) hands them to a {@link Handler} in order.
 *
 * <ul>
 *   <li><b>Bounded.</b> The queue holds at most the configured number of items, and optionally at most a
 *       weight (bytes, events) per weigher.</li>
 *   <li><b>An explicit policy when full</b> ({@link Overflow}): wait at most a bound, then drop; or drop at
 *       once. Either way a dropped item is counted ({@link #dropped()}) and {@code offer} returns false.</li>
 *   <li><b>Bounded flush and close.</b> {@link #flush} waits until everything offered before it is handled
 *       and the handler flushed; {@link #close} drains, flushes and closes the handler. Both give up after
 *       their timeout and say so. Timeouts run on the injected {@link Clock} (so tests step them) and, at the
 *       latest, in real time: a clock that stands still cannot make anything wait unbounded.</li>
 *   <li><b>Failures stay inside.</b> What the handler throws is logged (first time) and counted; the thread
 *       goes on with the next item.</li>
 * </ul>
 */
public final class AsyncQueue<T> {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");
    /** Longest real-time slice of one wait, after which the injected clock is read again. */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** What the queue's thread does with the items. Every method runs on that thread only. */
    public interface Handler<T> {
        void handle(T item);

        /** Called for {@link #flush} and before {@link #close()}: make handled items durable. */
        default void flush() {
        }

        /** Called after every item and at least every tick interval while idle (periodic work). */
        default void tick() {
        }

        /** Called once, last, when the queue closes. */
        default void close() {
        }
    }

    /** What {@link #offer} does when the queue is full. */
    public record Overflow(long maxWaitNanos) {
        public Overflow {
            if (maxWaitNanos < 0) {
                throw new IllegalArgumentException("the wait must not be negative, got " + maxWaitNanos + " ns");
            }
        }

        /** Drop the item (and count it) at once. */
        public static Overflow dropAndCount() {
            return new Overflow(0);
        }

        /** Wait for room at most {@code bound}, then drop and count. */
        public static Overflow waitAtMost(Duration bound) {
            return new Overflow(bound.toNanos());
        }
    }

    private record Bound<T>(ToLongFunction<T> weigher, long max) {
    }

    private record Entry<T>(T item, long[] weights, CountDownLatch barrier, boolean flush, boolean stop) {
    }

    private final String name;
    private final Handler<T> handler;
    private final Clock clock;
    private final Overflow overflow;
    private final List<Bound<T>> bounds;
    private final long[] queued;
    private final long tickNanos;
    private final ArrayDeque<Entry<T>> entries = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();
    private final Thread thread;
    private boolean closed;

    private AsyncQueue(Builder<T> b) {
        this.name = b.name;
        this.handler = b.handler;
        this.clock = b.clock;
        this.overflow = b.overflow;
        this.bounds = List.copyOf(b.bounds);
        this.queued = new long[bounds.size()];
        this.tickNanos = b.tickNanos;
        this.thread = b.threads.newThread(this::run);
        this.thread.start();
    }

    /** A queue named {@code name} (for log lines) whose items go to {@code handler}. */
    public static <T> Builder<T> builder(String name, Handler<T> handler) {
        return new Builder<>(name, handler);
    }

    /**
     * Queues {@code item} under the overflow policy; false when it was dropped (queue full beyond the
     * policy's wait, item heavier than a bound, or queue closed), in which case it is counted.
     */
    public boolean offer(T item) {
        return offer(item, true);
    }

    /** Like {@link #offer}, but drops (and counts) at once when the queue is full, whatever the policy. */
    public boolean tryOffer(T item) {
        return offer(item, false);
    }

    private boolean offer(T item, boolean mayWait) {
        long[] w = new long[bounds.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = bounds.get(i).weigher().applyAsLong(item);
        }
        lock.lock();
        try {
            if (mayWait && !closed && !fits(w) && overflow.maxWaitNanos() > 0 && canEverFit(w)) {
                awaitRoom(w);
            }
            if (closed || !fits(w)) {
                dropped.incrementAndGet();
                return false;
            }
            for (int i = 0; i < w.length; i++) {
                queued[i] += w[i];
            }
            entries.add(new Entry<>(item, w, null, false, false));
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every item offered before is handled and the handler flushed; false if not within {@code timeout}. */
    public boolean flush(Duration timeout) {
        return barrier(true, timeout);
    }

    /** Waits until every item offered before is handled and one tick has run, without flushing (a test seam). */
    public boolean sync(Duration timeout) {
        return barrier(false, timeout);
    }

    /**
     * Stops accepting items, lets the thread handle what is queued, flush and close the handler, and waits
     * for that at most {@code timeout}. True if the thread finished in time. Idempotent.
     */
    public boolean close(Duration timeout) {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                entries.add(new Entry<>(null, null, null, true, true));
                notEmpty.signal();
                notFull.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() == thread) {
            return false; // the thread finishes after the current item
        }
        boolean done = await(finished, timeout);
        if (!done) {
            LOG.warn("gradwatch: {} did not finish within {} ms; {} items still queued are abandoned",
                    name, timeout.toMillis(), pending());
        }
        return done;
    }

    /** Items dropped so far. */
    public long dropped() {
        return dropped.get();
    }

    /** Exceptions the handler threw so far. */
    public long failures() {
        return failures.get();
    }

    /** Total time callers waited for room in the queue. */
    public long waitedNanos() {
        return waitedNanos.get();
    }

    /** Whether the calling thread is this queue's own thread. */
    public boolean isQueueThread() {
        return Thread.currentThread() == thread;
    }

    private int pending() {
        lock.lock();
        try {
            return (int) entries.stream().filter(e -> e.barrier() == null && !e.stop()).count();
        } finally {
            lock.unlock();
        }
    }

    private boolean barrier(boolean flush, Duration timeout) {
        if (Thread.currentThread() == thread) {
            return false;
        }
        CountDownLatch done = new CountDownLatch(1);
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            entries.add(new Entry<>(null, null, done, flush, false));
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        return await(done, timeout);
    }

    private boolean fits(long[] w) {
        for (int i = 0; i < w.length; i++) {
            if (queued[i] + w[i] > bounds.get(i).max()) {
                return false;
            }
        }
        return true;
    }

    private boolean canEverFit(long[] w) {
        for (int i = 0; i < w.length; i++) {
            if (w[i] > bounds.get(i).max()) {
                return false;
            }
        }
        return true;
    }

    /** Called with the lock held; returns when there is room, the queue closed, or the policy's wait is over. */
    private void awaitRoom(long[] w) {
        long start = clock.nanoTime();
        long deadline = start + overflow.maxWaitNanos();
        long realDeadline = System.nanoTime() + overflow.maxWaitNanos();
        try {
            while (!closed && !fits(w)) {
                long left = Math.min(deadline - clock.nanoTime(), realDeadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                notFull.awaitNanos(Math.min(left, SLICE_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waitedNanos.addAndGet(Math.max(0, clock.nanoTime() - start));
        }
    }

    /** Waits for {@code latch} until {@code timeout} has passed on the injected clock (or, at the latest, in real time). */
    private boolean await(CountDownLatch latch, Duration timeout) {
        long deadline = clock.nanoTime() + timeout.toNanos();
        long realDeadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = Math.min(deadline - clock.nanoTime(), realDeadline - System.nanoTime());
                if (latch.await(Math.max(0, Math.min(left, SLICE_NANOS)), TimeUnit.NANOSECONDS)) {
                    return true;
                }
                if (left <= 0) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return latch.getCount() == 0;
        }
    }

    private void run() {
        try {
            while (true) {
                Entry<T> e = take();
                if (e == null) {
                    guarded(handler::tick);
                    continue;
                }
                if (e.barrier() == null && !e.stop()) {
                    T item = e.item();
                    guarded(() -> handler.handle(item));
                }
                if (e.flush()) {
                    guarded(handler::flush);
                }
                if (e.stop()) {
                    guarded(handler::close);
                    return;
                }
                guarded(handler::tick);
                if (e.barrier() != null) {
                    e.barrier().countDown();
                }
            }
        } catch (InterruptedException e) {
            guarded(handler::close);
        } finally {
            finished.countDown();
        }
    }

    /** The next entry, or null when a tick interval passed without one. */
    private Entry<T> take() throws InterruptedException {
        lock.lock();
        try {
            if (entries.isEmpty()) {
                if (tickNanos > 0) {
                    notEmpty.awaitNanos(tickNanos);
                } else {
                    notEmpty.await();
                }
            }
            Entry<T> e = entries.poll();
            if (e != null && e.weights() != null) {
                for (int i = 0; i < queued.length; i++) {
                    queued[i] -= e.weights()[i];
                }
                notFull.signalAll();
            }
            return e;
        } finally {
            lock.unlock();
        }
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            if (failures.getAndIncrement() == 0) {
                LOG.error("gradwatch: {} failed handling an item; it goes on with the next (further failures are "
                        + "only counted)", name, e);
            }
        }
    }

    /** Options of an {@link AsyncQueue}, each checked as it is set. */
    public static final class Builder<T> {
        private final String name;
        private final Handler<T> handler;
        private final List<Bound<T>> bounds = new ArrayList<>();
        private Overflow overflow = Overflow.dropAndCount();
        private Clock clock = Clock.system();
        private ThreadFactory threads;
        private long tickNanos;

        private Builder(String name, Handler<T> handler) {
            this.name = Objects.requireNonNull(name, "name");
            this.handler = Objects.requireNonNull(handler, "handler");
            this.threads = r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            };
        }

        /** At most {@code items} items wait in the queue. */
        public Builder<T> capacity(long items) {
            return bound(item -> 1, items);
        }

        /** At most {@code max} of {@code weigher}'s unit (bytes, events) wait in the queue; may be repeated. */
        public Builder<T> bound(ToLongFunction<T> weigher, long max) {
            if (max < 1) {
                throw new IllegalArgumentException(name + ": a queue bound must be at least 1, got " + max);
            }
            bounds.add(new Bound<>(Objects.requireNonNull(weigher, "weigher"), max));
            return this;
        }

        /** What offer does when the queue is full (default: drop and count). */
        public Builder<T> overflow(Overflow policy) {
            this.overflow = Objects.requireNonNull(policy, "overflow");
            return this;
        }

        /** The clock that measures waits and timeouts (default: System.nanoTime). */
        public Builder<T> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Makes the queue's thread (default: a daemon thread named like the queue). */
        public Builder<T> threadFactory(ThreadFactory factory) {
            this.threads = Objects.requireNonNull(factory, "threadFactory");
            return this;
        }

        /** Calls {@link Handler#tick()} at least this often while idle (default: only after items). */
        public Builder<T> tickEvery(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException(name + ": the tick interval must be positive, got " + interval);
            }
            this.tickNanos = interval.toNanos();
            return this;
        }

        /** Starts the queue's thread. */
        public AsyncQueue<T> build() {
            if (bounds.isEmpty()) {
                throw new IllegalStateException(name + ": set capacity(...) or bound(...): the queue must be bounded");
            }
            return new AsyncQueue<>(this);
        }
    }
}
