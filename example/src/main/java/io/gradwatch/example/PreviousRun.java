package io.gradwatch.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second run of the example writes each setting's run directory afresh: the event files an earlier run left
 * in {@code <logdir>/<setting>} are removed first, and the console says so. Otherwise TensorBoard draws both runs
 * as one, two curves per chart. Only TensorBoard's event files are touched.
 */
final class PreviousRun {

    private PreviousRun() {
    }

    /** Removes the event files in {@code runDir}; returns how many, after printing what it replaces. */
    static int replace(Path runDir, Console console) {
        if (!Files.isDirectory(runDir)) {
            return 0;
        }
        List<Path> events = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir, "events.out.tfevents.*")) {
            files.forEach(events::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runDir, e);
        }
        if (events.isEmpty()) {
            return 0;
        }
        console.line("Replacing the earlier run in " + runDir + ": removing its " + events.size()
                + " TensorBoard event file(s) (use another --logdir to keep it)");
        for (Path f : events) {
            try {
                Files.delete(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the earlier run's " + f + "; remove it yourself or use "
                        + "another --logdir", e);
            }
        }
        return events.size();
    }
}
