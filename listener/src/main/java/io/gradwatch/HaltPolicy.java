package io.gradwatch;

import java.nio.file.Path;

/**
 * When gradwatch stops training, as set with {@link GradWatchBuilder#haltOnNonFinite(Path)} and
 * {@link GradWatchBuilder#haltOnExploding(Path)}: each is the checkpoint file to save before stopping,
 * or null (off, the default).
 */
public record HaltPolicy(Path onNonFinite, Path onExploding) {

    private static final HaltPolicy NONE = new HaltPolicy(null, null);

    /** Never halt. */
    public static HaltPolicy none() {
        return NONE;
    }

    public boolean any() {
        return onNonFinite != null || onExploding != null;
    }
}
