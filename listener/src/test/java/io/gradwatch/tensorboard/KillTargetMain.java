package io.gradwatch.tensorboard;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Child JVM of {@link SigkillTest}: writes scalars and histograms, flushes, prints
 * {@code flushed <last step>}, then keeps writing (without flushing by hand) until it is killed.
 * With a third argument {@code exit}, it exits right after writing instead, without flush or close.
 */
public final class KillTargetMain {

    private KillTargetMain() {
    }

    public static void main(String[] args) {
        SummaryWriter w = SummaryWriter.builder(Path.of(args[0])).flushInterval(Duration.ofHours(1)).build();
        int flushedSteps = Integer.parseInt(args[1]);
        for (int step = 0; step < flushedSteps; step++) {
            Writes.scalar(w, "x", step, step);
            Writes.histogram(w, "h", step, 200);
        }
        if (args.length > 2 && args[2].equals("exit")) {
            System.out.println("exiting without close");
            System.exit(0); // the shutdown hook must flush and close
        }
        if (!w.flush()) {
            System.out.println("flush failed");
            System.exit(1);
        }
        System.out.println("flushed " + (flushedSteps - 1));
        System.out.flush();
        for (long step = flushedSteps; ; step++) {
            Writes.scalar(w, "x", step, step);
            Writes.histogram(w, "h", step, 200); // > 1 MiB of histograms makes the writer spill records to the OS
        }
    }
}
