package io.gradwatch.offline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds and reads the runs of a log directory as TensorBoard does: every directory (the log directory
 * itself included) holding files whose name contains "tfevents" is a run, named by its path relative
 * to the log directory ("." for the log directory itself); its files are read in name order.
 */
final class RunFinder {

    private RunFinder() {
    }

    /**
     * Every run under {@code logDir}, sorted by name.
     *
     * @throws IllegalArgumentException if {@code logDir} is not a readable directory or holds no event files
     */
    static List<RunData> load(Path logDir) throws IOException {
        Path root = logDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("log directory " + root + " does not exist or is not a directory: "
                    + "pass the directory given to tensorBoard(...) or its parent (e.g. runs)");
        }
        TreeMap<String, List<Path>> filesByRun = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> p.getFileName().toString().contains("tfevents") && Files.isRegularFile(p))
                    .forEach(p -> {
                        String run = root.relativize(p.getParent()).toString();
                        filesByRun.computeIfAbsent(run.isEmpty() ? "." : run, r -> new ArrayList<>()).add(p);
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (filesByRun.isEmpty()) {
            throw new IllegalArgumentException("no TensorBoard event files (events.out.tfevents.*) under " + root
                    + ": pass the directory given to tensorBoard(...) or its parent");
        }
        List<RunData> runs = new ArrayList<>();
        for (var e : filesByRun.entrySet()) {
            Path dir = e.getKey().equals(".") ? root : root.resolve(e.getKey());
            RunData run = new RunData(e.getKey(), dir);
            EventDecoder decoder = new EventDecoder(run);
            List<Path> files = e.getValue();
            files.sort(null);
            for (Path f : files) {
                readFile(f, decoder, run);
            }
            runs.add(run);
        }
        return runs;
    }

    private static void readFile(Path f, EventDecoder decoder, RunData run) throws IOException {
        long[] undecodable = {0};
        RecordReader.Result r = RecordReader.read(f, record -> {
            try {
                decoder.decode(record);
            } catch (IOException | RuntimeException e) {
                undecodable[0]++;
            }
        });
        run.fileRead();
        if (r.problem() != null) {
            run.problem(f.getFileName() + ": " + r.problem() + "; " + r.records() + " records before it were read");
        }
        if (undecodable[0] > 0) {
            run.problem(f.getFileName() + ": " + undecodable[0] + " records with intact CRCs are not Event protos, skipped");
        }
    }
}
