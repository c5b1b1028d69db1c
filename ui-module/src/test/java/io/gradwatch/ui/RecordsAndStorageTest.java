package io.gradwatch.ui;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.Scalar;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import io.gradwatch.report.Verdict;
import io.gradwatch.ui.http.GradientsApi;
import io.gradwatch.ui.http.HeatmapWriter;
import io.gradwatch.ui.store.BinaryRecord;
import io.gradwatch.ui.store.BoundedStatsStorage;
import io.gradwatch.ui.store.Dl4jRecords;
import io.gradwatch.ui.store.Layout;
import io.gradwatch.ui.store.SessionRecord;
import io.gradwatch.ui.store.SessionStore;
import io.gradwatch.ui.store.UiSink;
import io.gradwatch.ui.store.UpdateRecord;
import io.gradwatch.ui.store.UpdateRecords;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RecordsAndStorageTest {

    @TempDir
    File dir;

    @Test
    void updateRecord_encodeDecode_keepsEveryValueAsFloatIncludingNaN_underItsCanonicalKey() {
        SyntheticReports s = SyntheticReports.referenceMlp("rt");
        Verdict v = new Verdict(Verdict.Problem.VANISHING_GRADIENT, Verdict.Severity.WARNING, "layer0", "W", 3, 4.2, "layer0 is 4 decades below");
        StepReport r = s.step(7, true, true, new Diagnosis(List.of(v), List.of(v), List.of()));
        List<Scalar> scalars = r.scalars();
        Layout layout = UpdateRecords.layoutOf(r, scalars);
        UpdateRecord a = UpdateRecords.fromReport(r, scalars, 0, 123);
        UpdateRecord b = new UpdateRecord();
        b.decode(a.encode());
        assertEquals("rt", b.getSessionID());
        assertEquals(BinaryRecord.TYPE_ID, b.getTypeID());
        assertEquals(123, b.getTimeStamp());
        assertEquals(7, b.iteration());
        assertEquals(scalars.size(), b.valueCount());
        for (int i = 0; i < scalars.size(); i++) {
            int column = layout.column(scalars.get(i).key().path());
            // Stored as floats (the statistics come from float arrays); NaN and Inf survive.
            assertEquals(Float.floatToIntBits((float) scalars.get(i).value()), Float.floatToIntBits((float) b.value(column)),
                    scalars.get(i).key().path());
        }
        for (int i = 0; i < 14; i++) {
            var p = r.parameters().get(i);
            assertArrayEquals(p.gradientHistogram().magnitudeCounts(), b.magnitudeCounts(
                    layout.histogram(UpdateRecords.parameterPath(p.layer(), p.parameter())), HeatmapWriter.MAGNITUDE_BINS));
        }
        assertTrue(Double.isNaN(b.value(layout.column("gradients/layer0/W/rms"))));
        assertEquals(Double.POSITIVE_INFINITY, b.value(layout.column("updates/layer0/W/ratio")));
        assertEquals(3.0, b.value(layout.column("gradients/layer0/W/nan_count")));
        assertEquals(-1, layout.column("gradients/layer0/W/no_such_statistic"));
        assertEquals(6, layout.layerIndex().get("layer6"));
        assertEquals(List.of(v), b.active());
        assertEquals(List.of(v), b.started());
        assertTrue(b.pinned());
    }

    @Test
    void sessionRecord_storesTheColumnDictionaryOnce_andANewOneOnlyWhenTheSeriesChange() {
        BoundedStatsStorage storage = new BoundedStatsStorage();
        UiSink sink = new UiSink(storage);
        SyntheticReports s = SyntheticReports.referenceMlp("dict");
        sink.start(s.session());
        for (int i = 0; i < 5; i++) {
            sink.publish(s.step(i, i % 2 == 0, false, Diagnosis.none()));
        }
        SessionRecord info = (SessionRecord) storage.getStaticInfo("dict", BinaryRecord.TYPE_ID, "0");
        assertEquals(1, info.layouts().size(), "one dictionary for the whole session");
        List<String> expected = s.step(0, false, false, Diagnosis.none()).scalars().stream()
                .map(x -> x.key().path()).toList();
        assertEquals(expected, info.layouts().get(0).columns(), "the columns are StepReport.scalars()' canonical paths");
        assertEquals("MEAN_LOSS", info.gradientScale(), "the session's own static info is kept");

        // A report with another set of series (a layer more) gets a second dictionary; old records keep theirs.
        SyntheticReports wider = new SyntheticReports("dict", List.of("layer0", "layer1", "extra"), new int[]{4, 3, 2, 2},
                1_700_000_000_000L);
        sink.publish(wider.step(5, false, false, Diagnosis.none()));
        info = (SessionRecord) storage.getStaticInfo("dict", BinaryRecord.TYPE_ID, "0");
        assertEquals(2, info.layouts().size());
        UpdateRecord newest = (UpdateRecord) storage.getLatestUpdate("dict", BinaryRecord.TYPE_ID, "0");
        assertEquals(1, newest.layout());
        assertTrue(info.layout(1).column("gradients/extra/W/rms") >= 0);
    }

    @Test
    void metricRecord_encodeDecode_keepsNameAndValue() {
        UpdateRecord a = UpdateRecords.fromMetric(new UserMetric("s", "0", "validation/accuracy", 40, 1, 5, 0.93), 9);
        UpdateRecord b = new UpdateRecord();
        b.decode(a.encode());
        assertTrue(b.isMetric());
        assertEquals("validation/accuracy", b.metricName());
        assertEquals(0.93, b.metricValue());
        assertEquals(40, b.iteration());
    }

    @Test
    void sessionRecord_encodeDecode_keepsLayersAndHyperparameters() {
        SessionRecord a = SessionRecord.of(SyntheticReports.referenceMlp("s1").session());
        SessionRecord b = new SessionRecord();
        b.decode(a.encode());
        assertEquals(a.layers(), b.layers());
        assertEquals("sigmoid", b.hyperparameters().get("activation"));
        assertEquals("MEAN_LOSS", b.gradientScale());
        assertEquals("{}", b.modelJson());
    }

    @Test
    void decode_ofOtherFormatVersion_failsWithPlainMessage() {
        byte[] bytes = UpdateRecords.fromMetric(new UserMetric("s", "0", "m", 1, 0, 1, 1), 1).encode();
        bytes[3] = 99;
        Exception e = assertThrows(RuntimeException.class, () -> new UpdateRecord().decode(bytes));
        assertTrue(String.valueOf(e.getMessage()).contains("format 99"), e.getMessage());
    }

    @Test
    void sink_sameMillisecond_keepsEveryRecord() {
        BoundedStatsStorage storage = new BoundedStatsStorage();
        UiSink sink = new UiSink(storage);
        SyntheticReports s = SyntheticReports.referenceMlp("same-ms");
        sink.start(s.session());
        StepReport r = s.step(1, false, false, Diagnosis.none());
        sink.publish(r);
        sink.metric(new UserMetric("same-ms", "0", "validation/accuracy", 1, 0, r.timestampMillis(), 0.5));
        sink.metric(new UserMetric("same-ms", "0", "validation/loss", 1, 0, r.timestampMillis(), 0.7));
        assertEquals(3, storage.getNumUpdateRecordsFor("same-ms", BinaryRecord.TYPE_ID, "0"));
        assertEquals(List.of("same-ms"), storage.listSessionIDs());
    }

    /** Issue 23: recovery actions are stored as metric series, the session's count per action at the iteration. */
    @Test
    void sink_recovery_isStoredAsCountPerActionSeries() {
        BoundedStatsStorage storage = new BoundedStatsStorage();
        UiSink sink = new UiSink(storage);
        SyntheticReports s = SyntheticReports.referenceMlp("recovering");
        sink.start(s.session());
        sink.publish(s.step(1, false, false, Diagnosis.none()));
        for (long it : new long[]{200, 201}) {
            sink.recovery(new io.gradwatch.report.RecoveryEvent("recovering", "0", it, 0, 1_795_836_283_000L + it,
                    io.gradwatch.report.RecoveryEvent.Action.SKIPPED, "batch skipped", 1e5, 9.0, -1, 1));
        }
        List<UpdateRecord> metrics = storage.getAllUpdatesAfter("recovering", BinaryRecord.TYPE_ID, "0", Long.MIN_VALUE)
                .stream().map(p -> (UpdateRecord) p).filter(UpdateRecord::isMetric).toList();
        assertEquals(List.of("recovery/skipped", "recovery/skipped"),
                metrics.stream().map(UpdateRecord::metricName).toList());
        assertEquals(List.of(200L, 201L), metrics.stream().map(UpdateRecord::iteration).toList());
        assertEquals(List.of(1.0, 2.0), metrics.stream().map(UpdateRecord::metricValue).toList());
    }

    @Test
    void boundedStorage_overCapacity_thinsOlderHistoryAndKeepsEnds() {
        BoundedStatsStorage storage = new BoundedStatsStorage(100, 20);
        UiSink sink = new UiSink(storage);
        SyntheticReports s = SyntheticReports.referenceMlp("bounded");
        sink.start(s.session());
        Verdict v = new Verdict(Verdict.Problem.DEAD_UNITS, Verdict.Severity.WARNING, "layer3", null, 500, 0.9, "dead");
        for (int i = 0; i < 10_000; i++) {
            Diagnosis d = i == 500 ? new Diagnosis(List.of(v), List.of(v), List.of()) : Diagnosis.none();
            sink.publish(s.step(i, false, false, d));
            assertTrue(storage.getNumUpdateRecordsFor("bounded", BinaryRecord.TYPE_ID, "0") <= 100);
        }
        List<Persistable> kept = storage.getAllUpdatesAfter("bounded", BinaryRecord.TYPE_ID, "0", Long.MIN_VALUE);
        assertEquals(0, ((UpdateRecord) kept.get(0)).iteration(), "the first point stays");
        assertEquals(9_999, ((UpdateRecord) kept.get(kept.size() - 1)).iteration(), "the newest point stays");
        for (int i = 1; i <= 20; i++) {
            assertEquals(10_000 - i, ((UpdateRecord) kept.get(kept.size() - i)).iteration(), "recent at full resolution");
        }
        assertTrue(kept.stream().anyMatch(p -> ((UpdateRecord) p).iteration() == 500), "verdict change is pinned");
        assertTrue(kept.size() >= 50, "thinning keeps about half: " + kept.size());
        // The DL4J-format records written for DL4J's own pages are bounded too, to a quarter of the bound.
        int dl4j = storage.getNumUpdateRecordsFor("bounded", Dl4jRecords.TYPE_ID, "0");
        assertTrue(dl4j > 0 && dl4j <= 25, "DL4J-format records kept: " + dl4j);
        assertEquals(9_999, ((org.deeplearning4j.ui.model.stats.api.StatsReport) storage.getLatestUpdate("bounded",
                Dl4jRecords.TYPE_ID, "0")).getIterationCount(), "the newest DL4J report stays");
    }

    @Test
    void series_afterNewRecords_isRecomputed_andUnchanged_isTheSame() {
        BoundedStatsStorage storage = new BoundedStatsStorage();
        UiSink sink = new UiSink(storage);
        SyntheticReports s = SyntheticReports.referenceMlp("cached");
        sink.start(s.session());
        sink.publish(s.step(0, false, false, Diagnosis.none()));
        SessionStore store = new SessionStore();
        store.attach(storage);
        GradientsApi api = new GradientsApi(store);
        String first = api.series(Map.of("session", "cached")).json();
        assertEquals(first, api.series(Map.of("session", "cached")).json());
        sink.publish(s.step(1, false, false, Diagnosis.none()));
        String second = api.series(Map.of("session", "cached")).json();
        assertNotEquals(first, second);
        assertTrue(second.contains("\"latestIteration\":1"), second);
        sink.metric(new UserMetric("cached", "0", "validation/accuracy", 1, 0, 0, 0.5));
        assertTrue(api.series(Map.of("session", "cached")).json().contains("validation/accuracy"));
    }

    @Test
    void boundedStorage_badBounds_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedStatsStorage(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new BoundedStatsStorage(100, 60));
    }

    @Test
    void fileStatsStorage_roundTrip_answersTheSameSeries() throws Exception {
        File file = new File(dir, "run.dl4j");
        FileStatsStorage out = new FileStatsStorage(file);
        UiSink sink = new UiSink(out);
        SyntheticReports s = SyntheticReports.referenceMlp("file-run");
        sink.start(s.session());
        for (int i = 0; i < 50; i++) {
            sink.publish(s.step(i, i % 5 == 0, i == 30, Diagnosis.none()));
        }
        sink.metric(new UserMetric("file-run", "0", "validation/accuracy", 49, 0, 1, 0.11));
        SessionStore live = new SessionStore();
        live.attach(out);
        String before = new GradientsApi(live).series(Map.of("session", "file-run")).json();
        String heatBefore = new GradientsApi(live).heatmap(Map.of("session", "file-run", "layer", "layer2")).json();
        out.close();

        FileStatsStorage in = new FileStatsStorage(file);
        SessionStore reopened = new SessionStore();
        reopened.attach(in);
        GradientsApi api = new GradientsApi(reopened);
        assertEquals(List.of("file-run"), reopened.sessionIds());
        assertEquals(before, api.series(Map.of("session", "file-run")).json());
        assertEquals(heatBefore, api.heatmap(Map.of("session", "file-run", "layer", "layer2")).json());
        assertTrue(before.contains("\"validation/accuracy\""));
        assertTrue(before.contains("\"NaN\""));
        in.close();
    }
}
