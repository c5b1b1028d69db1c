package io.gradwatch.ui;

import io.gradwatch.sink.ReportSink;
import io.gradwatch.sink.UiSinkProvider;
import org.deeplearning4j.core.storage.StatsStorage;

import java.io.File;

/** What {@code GradWatch.builder().ui()} finds through ServiceLoader. */
public final class GradWatchUiProvider implements UiSinkProvider {

    @Override
    public ReportSink create(int port, File storageFile) {
        if (storageFile == null) {
            StatsStorage memory = GradWatchUi.memoryStorage();
            GradWatchUi.serve(port, memory);
            return new UiSink(memory);
        }
        // FileStatsStorage commits to disk on every put: write on a thread of its own, off the analysis thread.
        StatsStorage file = GradWatchUi.fileStorage(storageFile);
        GradWatchUi.serve(port, file);
        return new UiSink(new AsyncRouter(file, storageFile.getName()));
    }
}
