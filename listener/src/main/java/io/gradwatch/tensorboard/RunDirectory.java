package io.gradwatch.tensorboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks a run directory before anything is written, so that a bad path fails at build time with a fix. */
final class RunDirectory {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private RunDirectory() {
    }

    /** Creates {@code dir} if needed and checks that this process can write there; returns its absolute path. */
    static Path prepare(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException("TensorBoard log directory " + abs + " is a file, not a directory: "
                    + "pass a directory path (it is created if missing)");
        }
        try {
            Files.createDirectories(abs);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("cannot create the TensorBoard log directory " + abs + " (" + e
                    + "): choose a directory you can write to, or create it and give this user write permission "
                    + "(e.g. chmod u+w " + (abs.getParent() != null ? abs.getParent() : abs) + ")", e);
        }
        if (!Files.isWritable(abs)) {
            throw new IllegalArgumentException("TensorBoard log directory " + abs + " is not writable by this process: "
                    + "fix its permissions (e.g. chmod u+w " + abs + ") or choose another directory");
        }
        warnIfReused(abs);
        return abs;
    }

    /** An IllegalArgumentException for an events file that could not be created in {@code dir}. */
    static IllegalArgumentException cannotOpen(Path dir, IOException e) {
        return new IllegalArgumentException("cannot create a TensorBoard events file in " + dir + " (" + e
                + "): check free space and write permission there (e.g. chmod u+w " + dir
                + "), or choose another directory", e);
    }

    private static void warnIfReused(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*tfevents*")) {
            if (files.iterator().hasNext()) {
                LOG.warn("gradwatch: {} already holds TensorBoard event files; TensorBoard will show this run on top "
                        + "of the earlier one. Use a fresh directory per run (e.g. runs/<name>-<date>).", dir);
            }
        } catch (IOException e) {
            // only a hint; the writability check above is what matters
        }
    }
}
