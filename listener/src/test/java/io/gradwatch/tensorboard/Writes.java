package io.gradwatch.tensorboard;

import java.util.List;

/** Single values through a {@link SummaryWriter}, for tests of the writer itself (the sink writes batches). */
final class Writes {

    private Writes() {
    }

    static boolean scalar(SummaryWriter w, String tag, long step, double value) {
        return w.write(step, List.of(Values.scalar(tag, (float) value)));
    }

    static boolean text(SummaryWriter w, String tag, long step, String markdown) {
        return w.write(step, List.of(Values.text(tag, markdown)));
    }

    /** A histogram of {@code buckets} unit buckets [i, i + 1), bucket i holding i + 1 values: a sizeable event. */
    static boolean histogram(SummaryWriter w, String tag, long step, int buckets) {
        double[] limits = new double[buckets];
        double[] counts = new double[buckets];
        double num = 0;
        for (int i = 0; i < buckets; i++) {
            limits[i] = i + 1;
            counts[i] = i + 1;
            num += counts[i];
        }
        HistogramData h = new HistogramData(0, buckets, num, num, num * buckets, limits, counts);
        return w.write(step, List.of(Values.histogram(tag, h)));
    }
}
