package io.gradwatch;

import io.gradwatch.report.GradientScale;

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
 */
public record GradWatchConfig(int every, int histogramsEvery, Pattern layers, boolean updates, boolean activations,
                              GradientScale gradientScale, String sessionId, int queueCapacity) {

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
