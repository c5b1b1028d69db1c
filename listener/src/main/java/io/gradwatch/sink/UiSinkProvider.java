package io.gradwatch.sink;

/**
 * Service interface that the gradwatch-ui artifact implements (found with {@link java.util.ServiceLoader}),
 * so that the listener can offer {@code ui()} without depending on DL4J's UI server. Users who want only
 * TensorBoard never load the UI server.
 */
public interface UiSinkProvider {

    /**
     * Starts or joins DL4J's UI server as {@code options} say (port, 0 for a free one; storage file, or null for
     * the bounded in-memory storage; interface; lifecycle) and returns a sink that publishes into a storage
     * attached to it.
     */
    ReportSink create(UiOptions options);
}
