package io.gradwatch;

import io.gradwatch.report.GradientScale;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The validated, immutable settings of one gradwatch listener, as built by {@link GradWatchBuilder}.
 *
 * @param every           compute statistics every this many iterations
 * @param histogramsEvery also compute histograms every this many iterations (0 = never)
 * @param layers          which "layer/param" names are monitored; matched from the start of the name,
 *                        like the MXNet Monitor's pattern; activations are named "layer/activations"
 * @param updates         whether updates and weights are captured (one more copy per sampled step)
 * @param activations     whether layer outputs are captured
 * @param gradientScale   which gradient is reported
 * @param sessionId       session id shared by every sink
 * @param queueCapacity   snapshots that may wait for the analysis thread before training waits for it
 * @param maxWait         longest time training waits for a free queue slot, and close() or flush() for the
 *                        analysis thread and the sinks
 * @param maxBufferBytes  most bytes of copied arrays gradwatch holds at once (0 = chosen from the model)
 */
public record GradWatchConfig(int every, int histogramsEvery, Pattern layers, boolean updates, boolean activations,
                              GradientScale gradientScale, String sessionId, int queueCapacity, Duration maxWait,
                              long maxBufferBytes) {

    /** Default {@link #maxWait()}. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);

    /** The settings with the default wait limit and buffer bound. */
    public GradWatchConfig(int every, int histogramsEvery, Pattern layers, boolean updates, boolean activations,
                           GradientScale gradientScale, String sessionId, int queueCapacity) {
        this(every, histogramsEvery, layers, updates, activations, gradientScale, sessionId, queueCapacity,
                DEFAULT_MAX_WAIT, 0);
    }

    public GradWatchConfig {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1 iteration, got " + every);
        }
        if (histogramsEvery < 0) {
            throw new IllegalArgumentException("histogramsEvery must be 0 (never) or positive, got " + histogramsEvery);
        }
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(gradientScale, "gradientScale");
        Objects.requireNonNull(sessionId, "sessionId");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, got " + queueCapacity);
        }
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be positive, got " + maxWait);
        }
        if (maxBufferBytes < 0) {
            throw new IllegalArgumentException("maxBufferBytes must be 0 (automatic) or positive, got " + maxBufferBytes);
        }
    }

    /** These settings for another session (a listener that sees a new network starts one). */
    public GradWatchConfig withSessionId(String id) {
        return new GradWatchConfig(every, histogramsEvery, layers, updates, activations, gradientScale, id,
                queueCapacity, maxWait, maxBufferBytes);
    }

    /** Whether iteration {@code iteration} is measured at all. */
    public boolean samples(long iteration) {
        return iteration % every == 0 || histogramsAt(iteration);
    }

    /** Whether iteration {@code iteration} carries histograms. */
    public boolean histogramsAt(long iteration) {
        return histogramsEvery > 0 && iteration % histogramsEvery == 0;
    }

    /** Whether the array named "layer/param" (or "layer/activations") is monitored. */
    public boolean monitors(String name) {
        return layers.matcher(name).lookingAt();
    }
}
