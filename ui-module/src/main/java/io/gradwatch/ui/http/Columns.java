package io.gradwatch.ui.http;

import io.gradwatch.report.SeriesKey;
import io.gradwatch.ui.store.Layout;
import io.gradwatch.ui.store.SessionRecord;
import io.gradwatch.ui.store.UpdateRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The canonical series a request asks for, resolved against a session's layouts: patterns such as
 * {@code gradients/*}{@code /W/rms} ({@code *} stands for any run of characters, so layer names with
 * slashes match too) select columns; each record's values are then found by its layout's column index.
 */
public final class Columns {

    private final List<String> keys;
    private final List<SeriesKey> typed;
    private final List<Layout> layouts;
    private final Map<Integer, int[]> byLayout = new HashMap<>();

    private Columns(List<SeriesKey> typed, List<Layout> layouts) {
        this.typed = List.copyOf(typed);
        this.keys = this.typed.stream().map(SeriesKey::path).toList();
        this.layouts = layouts;
    }

    /** The columns of {@code info} matching any of {@code patterns} (all columns when there are none). */
    public static Columns select(SessionRecord info, List<String> patterns) {
        List<Pattern> ps = patterns.stream().map(Columns::compile).toList();
        Set<SeriesKey> keys = new LinkedHashSet<>();
        List<Layout> layouts = info == null ? List.of() : info.layouts();
        for (Layout l : layouts) {
            for (SeriesKey c : l.keys()) {
                String path = c.path();
                if (ps.isEmpty() || ps.stream().anyMatch(p -> p.matcher(path).matches())) {
                    keys.add(c);
                }
            }
        }
        return new Columns(new ArrayList<>(keys), layouts);
    }

    /** Splits a comma-separated list of patterns (null or blank: none). */
    public static List<String> patterns(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static Pattern compile(String glob) {
        List<String> parts = new ArrayList<>();
        for (String part : glob.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".+", parts));
    }

    /** The selected columns' canonical paths. */
    public List<String> keys() {
        return keys;
    }

    /** The selected columns' typed keys, in the order of {@link #keys()}. */
    public List<SeriesKey> typedKeys() {
        return typed;
    }

    /**
     * Writes {@code columns}: one object per selected column with its canonical {@code key} and that key's
     * parts ({@code kind}, {@code layer}, {@code parameter} or null, {@code statistic}), so the page never
     * takes a key apart.
     */
    public void writeDescriptors(Json j) {
        j.name("columns").beginArray();
        for (SeriesKey k : typed) {
            j.beginObject().field("key", k.path()).field("kind", k.kind().key()).field("layer", k.layer())
                    .field("parameter", k.parameter()).field("statistic", k.statistic().key()).endObject();
        }
        j.endArray();
    }

    /** Value of key number {@code k} in {@code u} (NaN when that record's layout lacks it). */
    public double value(UpdateRecord u, int k) {
        return u.value(indexes(u.layout())[k]);
    }

    /** Value of {@code path} in {@code u}, or NaN. */
    public double value(UpdateRecord u, String path) {
        Layout l = u.layout() < layouts.size() ? layouts.get(u.layout()) : null;
        return l == null ? Double.NaN : u.value(l.column(path));
    }

    private int[] indexes(int layout) {
        return byLayout.computeIfAbsent(layout, n -> {
            int[] idx = new int[keys.size()];
            Layout l = n < layouts.size() ? layouts.get(n) : null;
            for (int k = 0; k < idx.length; k++) {
                idx[k] = l == null ? -1 : l.column(keys.get(k));
            }
            return idx;
        });
    }
}
