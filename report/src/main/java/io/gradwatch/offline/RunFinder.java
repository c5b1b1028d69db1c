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

    /** One run's event files, in the order they are read. */
    record RunFiles(String name, Path dir, List<Path> files) {
    }

    /**
     * Every run under {@code logDir}, sorted by name, read at once (tests and small directories; the
     * commands read one run at a time with {@link #find} and {@link #read}).
     */
    static List<RunData> load(Path logDir) throws IOException {
        List<RunData> runs = new ArrayList<>();
        for (RunFiles r : find(logDir)) {
            runs.add(read(r));
        }
        return runs;
    }

    /**
     * The runs under {@code logDir}, sorted by name, without reading them.
     *
     * @throws IllegalArgumentException if {@code logDir} is not a readable directory or holds no event files
     */
    static List<RunFiles> find(Path logDir) throws IOException {
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
        List<RunFiles> runs = new ArrayList<>();
        filesByRun.forEach((name, files) -> {
            files.sort(null);
            runs.add(new RunFiles(name, name.equals(".") ? root : root.resolve(name), List.copyOf(files)));
        });
        return runs;
    }

    /** Reads one run's files in name order. */
    static RunData read(RunFiles files) throws IOException {
        RunData run = new RunData(files.name(), files.dir());
        EventDecoder decoder = new EventDecoder(run);
        for (Path f : files.files()) {
            readFile(f, decoder, run);
        }
        return run;
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
