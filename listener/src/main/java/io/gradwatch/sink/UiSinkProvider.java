package io.gradwatch.sink;

import java.io.File;

/**
 * Service interface that the gradwatch-ui artifact implements (found with {@link java.util.ServiceLoader}),
 * so that the listener can offer {@code ui()} without depending on DL4J's UI server. Users who want only
 * TensorBoard never load the UI server.
 */
public interface UiSinkProvider {

    /**
     * Starts or joins DL4J's UI server and returns a sink that publishes into a storage attached to it.
     *
     * @param port        port of the UI server; 0 picks a free port (the chosen port is logged)
     * @param storageFile file for DL4J's FileStatsStorage, or null for the bounded in-memory storage
     */
    ReportSink create(int port, File storageFile);

    /** Like {@link #create(int, File)} with the interface and lifecycle of {@code options}. */
    default ReportSink create(UiOptions options) {
        return create(options.port(), options.storageFile());
    }
}
