package io.gradwatch.offline;

import io.gradwatch.report.Kind;
import io.gradwatch.report.SeriesKey;
import io.gradwatch.report.Statistic;

import java.util.List;

/**
 * Takes a TensorBoard tag apart into gradwatch's canonical {@link SeriesKey} ({@code <kind>/<layer>/<param>/<stat>},
 * activations {@code activations/<layer>/<stat>}), the inverse of {@code SeriesKey.path()}. A layer name may
 * hold '/': the run's layer names decide where it ends.
 */
final class Column {

    private Column() {
    }

    /** The series key of {@code tag}, or null when the tag is not a per-layer series. */
    static SeriesKey parse(String tag, List<RunView.Layer> layers) {
        int first = tag.indexOf('/');
        int last = tag.lastIndexOf('/');
        if (first < 0 || last <= first) {
            return null;
        }
        Kind kind = kindOf(tag.substring(0, first));
        Statistic stat;
        try {
            stat = Statistic.ofKey(tag.substring(last + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (kind == null) {
            return null;
        }
        String middle = tag.substring(first + 1, last);
        if (kind == Kind.ACTIVATIONS) {
            return new SeriesKey(kind, middle, null, stat);
        }
        for (RunView.Layer l : layers) {
            if (middle.startsWith(l.name() + "/") && middle.length() > l.name().length() + 1) {
                return new SeriesKey(kind, l.name(), middle.substring(l.name().length() + 1), stat);
            }
        }
        int slash = middle.lastIndexOf('/');
        return slash <= 0 ? null : new SeriesKey(kind, middle.substring(0, slash), middle.substring(slash + 1), stat);
    }

    private static Kind kindOf(String key) {
        for (Kind k : Kind.values()) {
            if (k.key().equals(key)) {
                return k;
            }
        }
        return null;
    }
}
