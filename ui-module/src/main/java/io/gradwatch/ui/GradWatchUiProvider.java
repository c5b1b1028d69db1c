package io.gradwatch.ui;

import io.gradwatch.sink.ReportSink;
import io.gradwatch.sink.UiOptions;
import io.gradwatch.sink.UiSinkProvider;
import io.gradwatch.ui.server.UiServers;
import io.gradwatch.ui.store.AsyncRouter;
import io.gradwatch.ui.store.UiSink;
import org.deeplearning4j.core.storage.StatsStorage;

/** What {@code GradWatch.builder().ui()} finds through ServiceLoader. */
public final class GradWatchUiProvider implements UiSinkProvider {

    @Override
    public ReportSink create(UiOptions o) {
        StatsStorage storage = o.storageFile() == null ? GradWatchUi.memoryStorage() : GradWatchUi.fileStorage(o.storageFile());
        GradWatchUi.serve(o.host(), o.port(), storage);
        if (o.keepServing()) {
            UiServers.keepServing();
        }
        if (o.storageFile() == null) {
            return new UiSink(storage);
        }
        // FileStatsStorage commits to disk on every put: write on a thread of its own, off the analysis thread.
        return new UiSink(new AsyncRouter(storage, o.storageFile().getName()));
    }
}
