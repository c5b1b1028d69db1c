package io.gradwatch.report;

import java.util.Objects;

/**
 * Canonical name of one measured series: kind, layer, parameter and statistic, e.g. (gradients, layer0, W, rms).
 * Sinks translate it into their own naming; {@link #path()} is the slash-joined form TensorBoard uses
 * ({@code gradients/layer0/W/rms}) and {@link #parse} reads it back. Activations have no parameter
 * ({@code activations/layer0/dead_fraction}); report-level series have no layer either ({@link #LOSS}: {@code loss},
 * {@link #TOTAL_NORM}: {@code gradients/total_norm}, {@link #NON_FINITE_SKIPPED}:
 * {@code gradwatch/non_finite_skipped}).
 */
public record SeriesKey(Kind kind, String layer, String parameter, Statistic statistic) {

    /** The minibatch's loss, as DL4J scored it. */
    public static final SeriesKey LOSS = new SeriesKey(Kind.REPORT, null, null, Statistic.LOSS);
    /** L2 norm of the whole gradient. */
    public static final SeriesKey TOTAL_NORM = new SeriesKey(Kind.GRADIENTS, null, null, Statistic.TOTAL_NORM);
    /** Iterations whose update was skipped because it was not finite (a recovery count). */
    public static final SeriesKey NON_FINITE_SKIPPED = new SeriesKey(Kind.GRADWATCH, null, null,
            Statistic.NON_FINITE_SKIPPED);

    public SeriesKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(statistic, "statistic");
        if (layer == null && parameter != null) {
            throw new IllegalArgumentException("a series with a parameter needs a layer: " + parameter);
        }
    }

    /** The series {@code statistic} of {@code kind} for one parameter (or layer output) {@code id}. */
    public static SeriesKey of(Kind kind, ParameterId id, Statistic statistic) {
        return new SeriesKey(kind, id.layer(), id.parameter(), statistic);
    }

    /** The parameter (or layer output) this series measures, or null for a report-level series. */
    public ParameterId parameterId() {
        return layer == null ? null : new ParameterId(layer, parameter);
    }

    /** kind/layer/param/stat, kind/layer/stat without a parameter, kind/stat (or stat) for report-level series. */
    public String path() {
        String head = kind.key().isEmpty() ? "" : kind.key() + "/";
        return layer == null ? head + statistic.key() : head + parameterId().path() + "/" + statistic.key();
    }

    /**
     * The key whose {@link #path()} is {@code path}. A layer name may hold slashes (SameDiff's do): for kinds whose
     * series have a parameter, the parameter is the segment before the statistic and the layer what precedes it.
     */
    public static SeriesKey parse(String path) {
        Objects.requireNonNull(path, "path");
        int lastSlash = path.lastIndexOf('/');
        Statistic statistic = Statistic.ofKey(path.substring(lastSlash + 1));
        if (lastSlash < 0) {
            return new SeriesKey(Kind.REPORT, null, null, statistic);
        }
        int firstSlash = path.indexOf('/');
        Kind kind = Kind.ofKey(path.substring(0, firstSlash));
        if (firstSlash == lastSlash) {
            return new SeriesKey(kind, null, null, statistic);
        }
        String middle = path.substring(firstSlash + 1, lastSlash);
        int split = kind.perParameter() ? middle.lastIndexOf('/') : -1;
        return split < 0 ? new SeriesKey(kind, middle, null, statistic)
                : new SeriesKey(kind, middle.substring(0, split), middle.substring(split + 1), statistic);
    }
}
