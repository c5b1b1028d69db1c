package io.gradwatch.spark;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;

import java.io.Serializable;
import java.net.URI;
import java.util.Collection;

/**
 * The StatsStorageRouter gradwatch gives the training master. On the driver it hands records straight
 * to {@link DriverReports} (ParameterAveragingTrainingMaster calls it there after each split with the
 * records the executors buffered). Spark serialises it to the executors under SharedTrainingMaster;
 * there the copy has no local receiver and posts each record to the driver's {@link ReportReceiver}.
 */
final class DriverRouter implements StatsStorageRouter, Serializable {

    private static final long serialVersionUID = 1L;

    private final URI endpoint;
    private final transient DriverReports local;
    private transient ReportPoster poster;

    DriverRouter(URI endpoint, DriverReports local) {
        this.endpoint = endpoint;
        this.local = local;
    }

    @Override
    public void putStorageMetaData(StorageMetaData storageMetaData) {
        // gradwatch's records describe themselves; DL4J's metadata is not needed
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> storageMetaData) {
        // as above
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        deliver(staticInfo);
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        staticInfo.forEach(this::deliver);
    }

    @Override
    public void putUpdate(Persistable update) {
        deliver(update);
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> updates) {
        updates.forEach(this::deliver);
    }

    private void deliver(Persistable p) {
        if (!(p instanceof ReportRecord record)) {
            return; // another listener's record (e.g. a StatsListener sharing the master): not ours
        }
        if (local != null) {
            local.accept(record);
        } else {
            poster().post(record);
        }
    }

    private synchronized ReportPoster poster() {
        if (poster == null) {
            poster = ReportPoster.to(endpoint);
        }
        return poster;
    }
}
