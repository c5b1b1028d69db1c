package io.gradwatch.tensorboard;

import io.gradwatch.async.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so. */
final class ManualClock implements Clock {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong millis = new AtomicLong(1_795_836_282_000L);

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
        millis.addAndGet(d.toMillis());
    }

    @Override
    public long wallMillis() {
        return millis.get();
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }
}
