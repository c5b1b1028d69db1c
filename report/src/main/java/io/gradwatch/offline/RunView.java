package io.gradwatch.offline;

import io.gradwatch.report.SeriesKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;

/**
 * One run as gradwatch wrote it (listener's io.gradwatch.tensorboard.Tags names it): per-layer series
 * {@code <kind>/<layer>/<param>/<stat>} and {@code activations/<layer>/<stat>}, {@code loss},
 * {@code gradients/total_norm}, gradwatch's own figures under {@code gradwatch/}, the layer table of the
 * {@code gradwatch/session} text, the {@code diagnosis} texts; every other scalar tag is a user metric.
 * Runs written by other programs have only user metrics (and maybe a loss).
 */
final class RunView {

    static final String LOSS = "loss";
    static final String TOTAL_NORM = "gradients/total_norm";
    static final String SESSION_TEXT = "gradwatch/session";
    static final String DIAGNOSIS = "diagnosis";
    private static final List<String> KINDS = List.of("gradients/", "updates/", "weights/", "activations/");

    /** A layer, position 0 at the input. */
    record Layer(String name, int index, String type, String activation) {
    }

    private final RunData data;
    private final List<Layer> layers;

    RunView(RunData data) {
        this.data = data;
        this.layers = layers(data);
    }

    RunData data() {
        return data;
    }

    String name() {
        return data.name();
    }

    List<Layer> layers() {
        return layers;
    }

    /** True for gradwatch's own tags: per-layer series, loss, total norm, gradwatch/ figures. */
    static boolean isGradwatchTag(String tag) {
        return tag.equals(LOSS) || tag.startsWith("gradwatch/") || KINDS.stream().anyMatch(tag::startsWith);
    }

    /** Scalar tags that are neither per-layer series nor gradwatch's own: validation accuracy and the like. */
    List<String> metricTags() {
        return data.scalars().keySet().stream().filter(t -> !isGradwatchTag(t)).toList();
    }

    /** Per-layer series tags (kind/layer/...), in the order they were first written. */
    List<String> layerSeriesTags() {
        return data.scalars().keySet().stream().filter(t -> KINDS.stream().anyMatch(t::startsWith)
                && !t.equals(TOTAL_NORM)).toList();
    }

    /** The per-layer series as canonical keys, in the order they were first written. */
    List<SeriesKey> columns() {
        List<SeriesKey> out = new ArrayList<>();
        for (String tag : layerSeriesTags()) {
            SeriesKey k = perLayerKey(tag);
            if (k != null) {
                out.add(k);
            }
        }
        return out;
    }

    /** The canonical key of a tag the listener wrote ({@code SeriesKey.path()}), or null for any other tag. */
    private static SeriesKey perLayerKey(String tag) {
        try {
            SeriesKey k = SeriesKey.parse(tag);
            return k.layer() == null ? null : k;
        } catch (IllegalArgumentException e) {
            return null; // not one of gradwatch's statistics (a newer version's, or a user's own tag)
        }
    }

    /** From the session text's first line, "**gradwatch session** `id`, worker `0`, MultiLayerNetwork"; "" without one. */
    String modelClass() {
        String first = sessionText().split("\n", 2)[0];
        int comma = first.lastIndexOf(", ");
        return comma < 0 ? "" : first.substring(comma + 2).trim();
    }

    /** From the session text's line "Gradients: <description>."; "" without one. */
    String gradientScaleDescription() {
        for (String line : sessionText().split("\n")) {
            if (line.startsWith("Gradients: ")) {
                String d = line.substring("Gradients: ".length()).trim();
                return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
            }
        }
        return "";
    }

    private String sessionText() {
        List<RunData.Text> t = data.texts(SESSION_TEXT);
        return t.isEmpty() ? "" : t.get(t.size() - 1).text();
    }

    /** The steps of gradwatch's reports (of every scalar when the run has no gradwatch series). */
    List<Long> reportSteps() {
        TreeSet<Long> steps = new TreeSet<>();
        data.scalars().forEach((tag, points) -> {
            if (isGradwatchTag(tag)) {
                steps.addAll(points.keySet());
            }
        });
        if (steps.isEmpty()) {
            data.scalars().values().forEach(p -> steps.addAll(p.keySet()));
        }
        return List.copyOf(steps);
    }

    /** The value of {@code tag} at {@code step}, or null when none was written there. */
    Double value(String tag, long step) {
        NavigableMap<Long, RunData.Point> s = data.scalars().get(tag);
        RunData.Point p = s == null ? null : s.get(step);
        return p == null ? null : p.value();
    }

    /** The last value written for {@code tag}, or null. */
    Double last(String tag) {
        NavigableMap<Long, RunData.Point> s = data.scalars().get(tag);
        return s == null || s.isEmpty() ? null : s.lastEntry().getValue().value();
    }

    /** The layer table of the session text; without one, the layers named by per-layer series, in order. */
    private static List<Layer> layers(RunData data) {
        List<RunData.Text> session = data.texts(SESSION_TEXT);
        List<Layer> out = new ArrayList<>();
        if (!session.isEmpty()) {
            boolean inTable = false;
            for (String line : session.get(session.size() - 1).text().split("\n")) {
                if (line.startsWith("|---")) {
                    inTable = true;
                } else if (inTable && line.startsWith("|")) {
                    String[] cells = line.split("\\|", -1);
                    if (cells.length >= 4) {
                        out.add(new Layer(cells[1].trim(), out.size(), cells[2].trim(), cells[3].trim()));
                    }
                } else if (inTable) {
                    break;
                }
            }
        }
        if (!out.isEmpty()) {
            return List.copyOf(out);
        }
        Map<String, Layer> seen = new LinkedHashMap<>();
        for (String tag : data.scalars().keySet()) {
            String[] parts = tag.split("/");
            if (parts.length >= 3 && KINDS.contains(parts[0] + "/") && !tag.equals(TOTAL_NORM)) {
                String layer = String.join("/", java.util.Arrays.copyOfRange(parts, 1,
                        parts.length - (parts[0].equals("activations") ? 1 : 2)));
                if (!layer.isEmpty()) {
                    seen.putIfAbsent(layer, new Layer(layer, seen.size(), "", ""));
                }
            }
        }
        return List.copyOf(seen.values());
    }
}
