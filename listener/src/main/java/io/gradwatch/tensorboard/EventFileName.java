package io.gradwatch.tensorboard;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Events file names as TensorBoard's own writer makes them, {@code events.out.tfevents.<%010d epoch
 * seconds>.<host>.<pid>.<n>}: TensorBoard reads the files whose name contains "tfevents", in name
 * order, so a later file of a run must sort after an earlier one.
 */
final class EventFileName {

    private static final String HOST = hostName();

    private EventFileName() {
    }

    /** The standard file name for {@code epochSecs}, this host, this process and counter {@code n}. */
    static String of(long epochSecs, int n) {
        return String.format(Locale.ROOT, "events.out.tfevents.%010d.%s.%d.%d", epochSecs, HOST,
                ProcessHandle.current().pid(), n);
    }

    private static String hostName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        String clean = host.replaceAll("[^A-Za-z0-9._-]", "_");
        return clean.isEmpty() ? "localhost" : clean;
    }
}
