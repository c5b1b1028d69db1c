package io.gradwatch.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;

/** A thread factory whose threads wait for {@link #open()} before they run: holds a queue's thread still. */
public final class GatedThreads implements ThreadFactory {

    private final CountDownLatch gate = new CountDownLatch(1);

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                return;
            }
            r.run();
        }, "gated-thread");
        t.setDaemon(true);
        return t;
    }

    public void open() {
        gate.countDown();
    }
}
