package io.gradwatch.ui;

import io.gradwatch.sink.ReportSink;
import io.gradwatch.sink.UiSinkProvider;
import org.deeplearning4j.core.storage.StatsStorage;

import java.io.File;

/** What {@code GradWatch.builder().ui()} finds through ServiceLoader. */
public final class GradWatchUiProvider implements UiSinkProvider {

    @Override
    public ReportSink create(int port, File storageFile) {
        StatsStorage storage = storageFile == null ? GradWatchUi.memoryStorage() : GradWatchUi.fileStorage(storageFile);
        GradWatchUi.serve(port, storage);
        return new UiSink(storage);
    }
}
