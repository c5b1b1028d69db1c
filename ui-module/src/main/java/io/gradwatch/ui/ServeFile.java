package io.gradwatch.ui;

import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

import java.io.File;

/**
 * Serves a saved gradwatch storage file (written with {@code uiStorage(file)}) on DL4J's UI server:
 * {@code java -cp <classpath> io.gradwatch.ui.ServeFile FILE [PORT [HOST]]} (PORT defaults to 9000,
 * 0 = free port; HOST to 127.0.0.1, "0.0.0.0" = every interface). Runs until killed.
 */
public final class ServeFile {

    private ServeFile() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 3) {
            exit("usage: ServeFile FILE [PORT [HOST]]   (PORT: default 9000, 0 = any free port; "
                    + "HOST: default 127.0.0.1, 0.0.0.0 = every interface)");
        }
        File file = new File(args[0]);
        int port = 9000;
        if (args.length >= 2) {
            try {
                port = Integer.parseInt(args[1]);
            } catch (NumberFormatException e) {
                exit("ServeFile: PORT must be an integer 0..65535, got '" + args[1] + "'");
            }
        }
        String host = args.length == 3 ? args[2] : io.gradwatch.sink.UiOptions.LOOPBACK;
        FileStatsStorage storage;
        try {
            storage = open(file);
        } catch (IllegalArgumentException e) {
            exit(e.getMessage());
            return;
        }
        UIServer server;
        try {
            server = GradWatchUi.serve(host, port, storage);
        } catch (IllegalStateException e) {
            exit(e.getMessage());
            return;
        }
        System.out.println("gradwatch: serving " + file.getAbsolutePath() + " at " + GradWatchUi.pageUrl(server));
        Thread.currentThread().join();
    }

    /** The storage in {@code file}; an IllegalArgumentException of one line naming the file and the problem. */
    static FileStatsStorage open(File file) {
        String problem = problem(file);
        if (problem == null) {
            try {
                FileStatsStorage storage = new FileStatsStorage(file);
                storage.listSessionIDs(); // reads the index: a corrupt file fails here, not in a page request
                return storage;
            } catch (RuntimeException | Error e) {
                problem = "not a readable storage file (corrupt, or not written by uiStorage(file)): " + firstLine(e);
            }
        }
        throw new IllegalArgumentException("ServeFile: " + file.getAbsolutePath() + ": " + problem);
    }

    /** Why {@code file} cannot be served before opening it, or null. */
    private static String problem(File file) {
        if (!file.exists()) {
            return "no such file";
        }
        if (!file.isFile()) {
            return "not a regular file";
        }
        if (file.length() == 0) {
            return "the file is empty (was the training program stopped before it wrote anything?)";
        }
        return null;
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage());
        int nl = m.indexOf('\n');
        return root.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }

    private static void exit(String line) {
        System.err.println(line);
        System.exit(2);
    }
}
