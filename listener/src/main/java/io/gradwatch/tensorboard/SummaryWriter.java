package io.gradwatch.tensorboard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes TensorBoard event files from plain Java, without TensorFlow: scalars, histograms (from
 * values or from counts), text, hparams and a custom-scalars layout, into one run directory.
 *
 * <pre>{@code
 * try (SummaryWriter w = SummaryWriter.create(Path.of("runs/exp1"))) {
 *     w.scalar("loss", step, loss);
 *     w.histogram("weights/layer0", step, values);
 * }
 * }</pre>
 *
 * Every call encodes on the caller's thread and queues the event without waiting (see
 * {@link SummaryWriterBuilder} for the queue bound, the flush interval and the close time limit); one writer
 * thread per SummaryWriter writes the file. Methods are safe to call from several threads.
 * By default the writer is closed on JVM shutdown.
 */
public final class SummaryWriter implements AutoCloseable {

    /** The name written into each file's source metadata. */
    public static final String WRITER_NAME = "io.gradwatch.tensorboard";

    private final AsyncEventWriter async;
    private final WriterClock clock;
    private final long closeTimeoutMillis;
    private final Thread shutdownHook;

    private SummaryWriter(AsyncEventWriter async, WriterClock clock, long closeTimeoutMillis, boolean closeOnShutdown) {
        this.async = async;
        this.clock = clock;
        this.closeTimeoutMillis = closeTimeoutMillis;
        this.shutdownHook = closeOnShutdown ? new Thread(this::close, "gradwatch-tensorboard-shutdown") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    static SummaryWriter open(AsyncEventWriter async, WriterClock clock, long closeTimeoutMillis,
                              boolean closeOnShutdown) {
        return new SummaryWriter(async, clock, closeTimeoutMillis, closeOnShutdown);
    }

    /** A writer into {@code logDir} with the defaults of {@link SummaryWriterBuilder}. */
    public static SummaryWriter create(Path logDir) {
        return builder(logDir).build();
    }

    /** Options for a writer into {@code logDir} (created if missing). */
    public static SummaryWriterBuilder builder(Path logDir) {
        return new SummaryWriterBuilder(logDir);
    }

    /** A scalar (float32 {@code simple_value}), written as given: NaN and infinities too. */
    public boolean scalar(String tag, long step, double value) {
        return write(step, List.of(Values.scalar(tag, (float) value)));
    }

    /** Several scalars sharing one step, in one event. */
    public boolean scalars(long step, Map<String, ? extends Number> values) {
        List<byte[]> encoded = new ArrayList<>(values.size());
        values.forEach((tag, v) -> encoded.add(Values.scalar(tag, v.floatValue())));
        return write(step, encoded);
    }

    /**
     * A histogram of {@code values} with TensorFlow's default buckets (identical to TensorFlow's own
     * writer). NaN and infinities are left out (TensorFlow refuses them); count them with
     * {@link TfHistogram#nonFinite(double[])} if you want to publish how many there were.
     */
    public boolean histogram(String tag, long step, double[] values) {
        return histogram(tag, step, TfHistogram.of(values));
    }

    /** Like {@link #histogram(String, long, double[])} for floats. */
    public boolean histogram(String tag, long step, float[] values) {
        return histogram(tag, step, TfHistogram.of(values));
    }

    /** A histogram you binned yourself, see {@link HistogramData#fromCounts}. */
    public boolean histogram(String tag, long step, HistogramData histogram) {
        return write(step, List.of(Values.histogram(tag, histogram)));
    }

    /**
     * A histogram in TensorBoard's tensor form: {@code buckets} equal-width rows over [min, max] of the
     * finite values, as TF2's {@code tf.summary.histogram} writes it (see {@link TensorHistogram}).
     * Use a tag of its own: a tag keeps the form of its first value.
     */
    public boolean histogramTensor(String tag, long step, double[] values, int buckets) {
        return write(step, List.of(Values.tensorHistogram(tag, TensorHistogram.rows(values, buckets))));
    }

    /** Markdown text under {@code tag} (TensorBoard's Text tab). */
    public boolean text(String tag, long step, String markdown) {
        return write(step, List.of(Values.text(tag, markdown)));
    }

    /**
     * This run's hyperparameters for TensorBoard's HParams tab: writes the experiment (which fixes
     * the columns to these hparams and to {@code metricTags}) and the session start info, at step 0.
     * Values must be String, Number or Boolean. Call once per run.
     */
    public boolean hparams(Map<String, ?> hparams, List<String> metricTags, String groupName) {
        hparams.forEach((k, v) -> {
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new IllegalArgumentException("hparam \"" + k + "\" must be a String, Number or Boolean, got "
                        + (v == null ? "null" : v.getClass().getName()));
            }
        });
        double now = clock.wallMillis() / 1000.0;
        return write(0, List.of(
                Values.hparams(HParams.EXPERIMENT_TAG, HParams.experiment("", now, hparams, metricTags)),
                Values.hparams(HParams.SESSION_START_TAG, HParams.sessionStart(hparams, groupName, now))));
    }

    /** Marks this run's session as ended (successfully or not) in the HParams tab. */
    public boolean sessionEnd(long step, boolean success) {
        return write(step, List.of(Values.hparams(HParams.SESSION_END_TAG,
                HParams.sessionEnd(success ? HParams.STATUS_SUCCESS : HParams.STATUS_FAILURE,
                        clock.wallMillis() / 1000.0))));
    }

    /** The Custom Scalars dashboard's layout. Write it once per run. */
    public boolean customScalars(CustomScalarsLayout layout) {
        return write(0, List.of(Values.customScalars(layout.encode())));
    }

    /** Waits (at most the close timeout) until everything written so far is handed to the OS. */
    public boolean flush() {
        return async.flush(closeTimeoutMillis);
    }

    /** Writes what is queued, flushes and closes the file, waiting at most the close timeout. Idempotent. */
    @Override
    public void close() {
        async.close(closeTimeoutMillis);
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running; nothing to remove
            }
        }
    }

    /** Counters: written, dropped, failed. */
    public WriterStats stats() {
        EventFileWriter f = async.file();
        return new WriterStats(f.file(), f.writtenEvents(), f.writtenBytes(), async.droppedEvents(), f.failures(),
                f.lostEvents(), async.flushes());
    }

    /** One event of already encoded Summary.Values, stamped now. */
    boolean write(long step, List<byte[]> values) {
        return write(step, clock.wallMillis() / 1000.0, values);
    }

    /** One event of already encoded Summary.Values. */
    boolean write(long step, double wallTimeSecs, List<byte[]> values) {
        return async.offer(List.of(Events.summary(wallTimeSecs, step, values)));
    }

    /** The run's metadata (hparams, session, layout): written first, and again at the head of a file that lost it. */
    boolean writeMetadata(long step, double wallTimeSecs, List<byte[]> values) {
        return async.offerMetadata(List.of(Events.summary(wallTimeSecs, step, values)));
    }

    /** Several events queued as one batch: all are written, or all are dropped. */
    boolean writeEvents(List<byte[]> events) {
        return async.offer(events);
    }

    AsyncEventWriter async() {
        return async;
    }
}
