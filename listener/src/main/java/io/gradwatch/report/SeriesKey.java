package io.gradwatch.report;

import java.util.Objects;

/**
 * Canonical name of one measured series: kind, layer, parameter and statistic, e.g.
 * (gradients, layer0, W, rms). Sinks translate it into their own naming; {@link #path()} is the
 * slash-joined form TensorBoard uses ({@code gradients/layer0/W/rms}). Activations have no
 * parameter; their path is {@code activations/layer0/dead_fraction}.
 */
public record SeriesKey(Kind kind, String layer, String parameter, Statistic statistic) {

    public SeriesKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(statistic, "statistic");
    }

    /** kind/layer/param/stat, or kind/layer/stat when there is no parameter. */
    public String path() {
        return parameter == null
                ? kind.key() + "/" + layer + "/" + statistic.key()
                : kind.key() + "/" + layer + "/" + parameter + "/" + statistic.key();
    }
}
