package io.gradwatch.tensorboard;

import java.nio.file.Path;
import java.util.List;

/** Event files written with gradwatch's own SummaryWriter and encoders, for the report module's tests. */
public final class WriterFixture {

    private WriterFixture() {
    }

    /**
     * Writes {@code values[i]} of tag {@code tag} at step {@code i} (raw float32 scalars, NaN and infinities
     * included: the writer writes what it is given), then a text and a histogram at step 0, into {@code dir}.
     */
    public static void scalarsTextHistogram(Path dir, String tag, float[] values, String textTag, String markdown) {
        try (SummaryWriter w = SummaryWriter.builder(dir).closeOnShutdown(false).build()) {
            for (int i = 0; i < values.length; i++) {
                w.write(i, 1_700_000_000.0 + i, List.of(Values.scalar(tag, values[i])));
            }
            Writes.text(w, textTag, 0, markdown);
            Writes.histogram(w, "hist", 0, 5);
        }
    }
}
