package io.gradwatch.offline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Everything read from one TensorBoard run (a directory holding event files): scalar series by tag,
 * histograms, texts, the HParams of the session, and what was wrong with its files. Tags keep the
 * order they first appeared in (gradwatch writes layers input first). A step written twice keeps its
 * last value, as TensorBoard shows it.
 */
final class RunData {

    /** One scalar point; {@code value} may be NaN or infinite, exactly as the file holds it. */
    record Point(double wallTime, double value) {
    }

    record Text(long step, double wallTime, String text) {
    }

    private final String name;
    private final Path dir;
    private final Map<String, NavigableMap<Long, Point>> scalars = new LinkedHashMap<>();
    private final Map<String, NavigableMap<Long, HistogramRows>> histograms = new LinkedHashMap<>();
    private final Map<String, List<Text>> texts = new LinkedHashMap<>();
    private final Map<String, Object> hparams = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private int files;

    RunData(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    void scalar(String tag, long step, double wall, double value) {
        scalars.computeIfAbsent(tag, t -> new TreeMap<>()).put(step, new Point(wall, value));
    }

    void histogram(String tag, long step, HistogramRows rows) {
        histograms.computeIfAbsent(tag, t -> new TreeMap<>()).put(step, rows);
    }

    void text(String tag, long step, double wall, String text) {
        texts.computeIfAbsent(tag, t -> new ArrayList<>()).add(new Text(step, wall, text));
    }

    void hparams(Map<String, Object> hp) {
        hparams.putAll(hp);
    }

    void problem(String problem) {
        problems.add(problem);
    }

    void fileRead() {
        files++;
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    int files() {
        return files;
    }

    Map<String, NavigableMap<Long, Point>> scalars() {
        return Collections.unmodifiableMap(scalars);
    }

    Map<String, NavigableMap<Long, HistogramRows>> histograms() {
        return Collections.unmodifiableMap(histograms);
    }

    /** The texts of {@code tag} in file order (empty when there are none). */
    List<Text> texts(String tag) {
        return texts.getOrDefault(tag, List.of());
    }

    Map<String, Object> hparams() {
        return Collections.unmodifiableMap(hparams);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }
}
