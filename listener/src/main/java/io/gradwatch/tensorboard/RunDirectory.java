package io.gradwatch.tensorboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
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
        Path blocking = fileOnTheWay(abs);
        if (blocking != null) {
            throw new IllegalArgumentException("cannot create the TensorBoard log directory " + abs + ": " + blocking
                    + " is a file, not a directory; choose a path whose parent folders are directories (or move "
                    + "that file away)");
        }
        String readOnly = readOnlyStore(abs);
        if (readOnly != null) {
            throw new IllegalArgumentException("TensorBoard log directory " + abs + " is on a read-only file system ("
                    + readOnly + "): permissions cannot help there; choose a directory on a writable file system");
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
        String readOnly = readOnlyStore(dir);
        if (readOnly != null || String.valueOf(e.getMessage()).contains("Read-only file system")) {
            return new IllegalArgumentException("cannot create a TensorBoard events file in " + dir + ": the file "
                    + "system is read-only (" + (readOnly != null ? readOnly : e) + "); choose a directory on a "
                    + "writable file system", e);
        }
        return new IllegalArgumentException("cannot create a TensorBoard events file in " + dir + " (" + e
                + "): check free space and write permission there (e.g. chmod u+w " + dir
                + "), or choose another directory", e);
    }

    /** The nearest existing ancestor of {@code path} if it is a regular file (no directory can be made below it), or null. */
    private static Path fileOnTheWay(Path path) {
        Path p = path.getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && !Files.isDirectory(p) ? p : null;
    }

    /** The read-only file store holding {@code path} (or its nearest existing ancestor), or null. */
    private static String readOnlyStore(Path path) {
        Path p = path;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return null;
        }
        try {
            FileStore store = Files.getFileStore(p);
            return store.isReadOnly() ? "mounted read-only: " + store : null;
        } catch (IOException | SecurityException e) {
            return null; // only a better message; the checks below still apply
        }
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
