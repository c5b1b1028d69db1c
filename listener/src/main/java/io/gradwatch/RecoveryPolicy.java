package io.gradwatch;

/**
 * How {@link GradWatchBuilder#recover(RecoveryPolicy)} recovers from a bad step (see docs/recovery.md).
 * Start from {@link #defaults()} and change what you need with the {@code with...} methods.
 *
 * @param window             accepted steps whose gradient norms and losses form the rolling window a step is
 *                           judged against
 * @param sigmas             a step is a spike when its total gradient norm or its loss lies more than this many
 *                           standard deviations above the window's mean, and more than {@code spikeRatio} times
 *                           the window's median
 * @param spikeRatio         the second condition of a spike: healthy runs have steps several times their median
 *                           (up to 6.6x on the reference MLP's clean MNIST run), corrupt batches thousands of times
 * @param warmup             accepted steps before spikes are judged at all (non-finite values are always caught)
 * @param snapshotEvery      iterations between two copies of the model taken while the run is healthy (the
 *                           candidates for the state certified healthy, the roll-back target)
 * @param rollbackAfterSkips skips among the last {@code 2 x rollbackAfterSkips} batches that make gradwatch roll
 *                           back instead of skipping again
 * @param maxRollbacks       roll-backs allowed; the next reason to roll back halts training
 * @param learningRateFactor what each roll-back multiplies the learning rate by (schedules included)
 */
public record RecoveryPolicy(int window, double sigmas, double spikeRatio, int warmup, int snapshotEvery, int rollbackAfterSkips,
                             int maxRollbacks, double learningRateFactor) {

    private static final RecoveryPolicy DEFAULTS = new RecoveryPolicy(128, 6.0, 20.0, 50, 20, 16, 3, 0.5);

    public RecoveryPolicy {
        if (window < 2) {
            throw new IllegalArgumentException("recover: window must be at least 2 steps, got " + window);
        }
        if (!(sigmas > 0) || Double.isInfinite(sigmas)) {
            throw new IllegalArgumentException("recover: sigmas must be a positive number, got " + sigmas);
        }
        if (!(spikeRatio >= 1) || Double.isInfinite(spikeRatio)) {
            throw new IllegalArgumentException("recover: spikeRatio must be a number of at least 1, got " + spikeRatio);
        }
        if (warmup < 2 || warmup > window) {
            throw new IllegalArgumentException("recover: warmup must lie in [2, window = " + window + "] steps, got "
                    + warmup);
        }
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("recover: snapshotEvery must be at least 1 iteration, got "
                    + snapshotEvery);
        }
        if (rollbackAfterSkips < 1) {
            throw new IllegalArgumentException("recover: rollbackAfterSkips must be at least 1, got "
                    + rollbackAfterSkips);
        }
        if (maxRollbacks < 0) {
            throw new IllegalArgumentException("recover: maxRollbacks must not be negative (0 halts instead of "
                    + "rolling back), got " + maxRollbacks);
        }
        if (!(learningRateFactor > 0 && learningRateFactor <= 1)) {
            throw new IllegalArgumentException("recover: learningRateFactor must lie in (0, 1] (1 keeps the "
                    + "learning rate), got " + learningRateFactor);
        }
    }

    /**
     * A window of 128 steps, 6 sigmas and 20 times the median, 50 steps of warm-up, a snapshot every 20 iterations, a roll-back after
     * 16 skips among 32 batches, at most 3 roll-backs, each halving the learning rate.
     */
    public static RecoveryPolicy defaults() {
        return DEFAULTS;
    }

    public RecoveryPolicy withWindow(int steps) {
        return new RecoveryPolicy(steps, sigmas, spikeRatio, Math.min(warmup, steps), snapshotEvery,
                rollbackAfterSkips, maxRollbacks, learningRateFactor);
    }

    public RecoveryPolicy withSigmas(double value) {
        return new RecoveryPolicy(window, value, spikeRatio, warmup, snapshotEvery, rollbackAfterSkips, maxRollbacks,
                learningRateFactor);
    }

    public RecoveryPolicy withSpikeRatio(double ratio) {
        return new RecoveryPolicy(window, sigmas, ratio, warmup, snapshotEvery, rollbackAfterSkips, maxRollbacks,
                learningRateFactor);
    }

    public RecoveryPolicy withWarmup(int steps) {
        return new RecoveryPolicy(window, sigmas, spikeRatio, steps, snapshotEvery, rollbackAfterSkips, maxRollbacks,
                learningRateFactor);
    }

    public RecoveryPolicy withSnapshotEvery(int iterations) {
        return new RecoveryPolicy(window, sigmas, spikeRatio, warmup, iterations, rollbackAfterSkips, maxRollbacks,
                learningRateFactor);
    }

    public RecoveryPolicy withRollbackAfterSkips(int skips) {
        return new RecoveryPolicy(window, sigmas, spikeRatio, warmup, snapshotEvery, skips, maxRollbacks,
                learningRateFactor);
    }

    public RecoveryPolicy withMaxRollbacks(int rollbacks) {
        return new RecoveryPolicy(window, sigmas, spikeRatio, warmup, snapshotEvery, rollbackAfterSkips, rollbacks,
                learningRateFactor);
    }

    public RecoveryPolicy withLearningRateFactor(double factor) {
        return new RecoveryPolicy(window, sigmas, spikeRatio, warmup, snapshotEvery, rollbackAfterSkips, maxRollbacks,
                factor);
    }
}
