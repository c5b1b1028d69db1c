package io.gradwatch.sink;

import java.io.File;
import java.util.Objects;

/**
 * How {@code ui()} serves: the port (0 = a free port), the storage file (null = bounded memory), the
 * interface the server listens on (loopback unless the user names another) and whether the server
 * gradwatch started outlives the program's own threads (until Ctrl-C).
 */
public record UiOptions(int port, File storageFile, String host, boolean keepServing) {

    /** The default interface: only programs on this machine can read the page. */
    public static final String LOOPBACK = "127.0.0.1";

    public UiOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("ui(" + port + "): the port must be 0 (any free port) or 1..65535");
        }
    }
}
