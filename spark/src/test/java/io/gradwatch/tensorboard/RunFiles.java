package io.gradwatch.tensorboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads every event file under a TensorBoard log directory with the listener module's strict reader. */
public final class RunFiles {

    private RunFiles() {
    }

    /**
     * Each run (directory holding event files, relative to {@code logDir}, "" for the directory itself)
     * to its scalars, tag -> step -> value. Fails on any malformed file, record or histogram.
     */
    public static Map<String, Map<String, Map<Long, Float>>> scalars(Path logDir) throws IOException {
        Map<String, Map<String, Map<Long, Float>>> runs = new TreeMap<>();
        for (Path file : eventFiles(logDir)) {
            String run = logDir.relativize(file.getParent()).toString();
            StrictEventReader.Result r = StrictEventReader.read(file);
            Map<String, Map<Long, Float>> scalars = runs.computeIfAbsent(run, k -> new TreeMap<>());
            r.scalars().forEach((tag, series) -> scalars.computeIfAbsent(tag, t -> new TreeMap<>()).putAll(series));
        }
        return runs;
    }

    /** Histogram tags per run; reading also checks every histogram's invariants. */
    public static Map<String, Integer> histogramCounts(Path logDir) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (Path file : eventFiles(logDir)) {
            String run = logDir.relativize(file.getParent()).toString();
            int n = StrictEventReader.read(file).histograms().values().stream().mapToInt(Map::size).sum();
            counts.merge(run, n, Integer::sum);
        }
        return counts;
    }

    private static List<Path> eventFiles(Path logDir) throws IOException {
        try (Stream<Path> files = Files.walk(logDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents")).sorted().toList();
        }
    }
}
