package io.gradwatch.ui;

import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

import java.io.File;

/**
 * Serves a saved gradwatch storage file (written with {@code uiStorage(file)}) on DL4J's UI server:
 * {@code java -cp <classpath> io.gradwatch.ui.ServeFile FILE [PORT]} (PORT defaults to 9000, 0 = free port).
 * Runs until killed.
 */
public final class ServeFile {

    private ServeFile() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ServeFile FILE [PORT]   (PORT: default 9000, 0 = any free port)");
            System.exit(2);
        }
        File file = new File(args[0]);
        if (!file.isFile()) {
            System.err.println("ServeFile: no such file: " + file.getAbsolutePath());
            System.exit(2);
        }
        int port = args.length == 2 ? Integer.parseInt(args[1]) : 9000;
        FileStatsStorage storage = new FileStatsStorage(file);
        UIServer server = GradWatchUi.serve(port, storage);
        System.out.println("gradwatch: serving " + file.getAbsolutePath() + " at " + GradWatchUi.pageUrl(server));
        Thread.currentThread().join();
    }
}
