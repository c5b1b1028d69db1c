package io.gradwatch.tensorboard;

import io.gradwatch.testing.ExpectedErrorOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A disk that fills up mid-run: failures are counted, the caller goes on, flushed data stays intact. */
@ExpectedErrorOutput("the injected disk failures, one error per writer")
class WriteFailureTest {

    @TempDir
    Path dir;

    private final BudgetChannel.Disk disk = new BudgetChannel.Disk();

    private SummaryWriter writer() {
        return SummaryWriter.builder(dir).channelOpener(disk).closeOnShutdown(false).build();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains("tfevents")).sorted().toList();
        }
    }

    @Test
    void whenDiskFillsMidWrite_failureIsCounted_tornRecordIsRemoved_andFlushedEventsStayReadable() throws IOException {
        try (SummaryWriter w = writer()) {
            for (int i = 0; i < 10; i++) {
                Writes.scalar(w, "x", i, i);
            }
            assertTrue(w.flush());
            disk.budget.set(30); // room for about one record of the next batch: the write tears
            for (int i = 10; i < 110; i++) {
                assertTrue(Writes.scalar(w, "x", i, i), "the caller is never refused because the disk is full");
            }
            assertTrue(w.flush());
            assertEquals(1, w.stats().writeFailures());
            assertEquals(100, w.stats().lostEvents());
            StrictEventReader.Result r = StrictEventReader.read(files().get(0)); // no torn tail allowed
            assertEquals(10, r.scalars().get("x").size());

            disk.budget.set(Long.MAX_VALUE); // space freed: writing resumes after the intact records
            for (int i = 110; i < 115; i++) {
                Writes.scalar(w, "x", i, i);
            }
            assertTrue(w.flush());
            r = StrictEventReader.read(files().get(0));
            assertEquals(15, r.scalars().get("x").size());
            assertEquals(114f, r.scalars().get("x").get(114L));
            assertEquals(1, files().size());
        }
    }

    @Test
    void whenDiskFillsDuringTraining_trainingGoesOn_andTheFailureIsCounted() throws IOException {
        TensorBoardSink sink = TensorBoardSink.create(dir,
                d -> SummaryWriter.builder(d).channelOpener(disk).closeOnShutdown(false).build());
        io.gradwatch.listener.GradWatchListener listener = io.gradwatch.GradWatch.builder().every(1).sink(sink).build();
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = io.gradwatch.testing.TestNetworks.mlp(3);
        net.addListeners(listener);
        org.nd4j.linalg.dataset.DataSet data = io.gradwatch.testing.TestNetworks.data(3, 16, 12, 3);
        net.fit(data);
        listener.flush();
        long before = Files.size(files().get(0));
        disk.budget.set(100); // the disk fills up
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }
        listener.flush();
        assertEquals(6, net.getIterationCount(), "training went on");
        assertTrue(sink.stats().writeFailures() >= 1);
        assertTrue(sink.stats().lostEvents() >= 1);
        listener.close();
        StrictEventReader.Result r = StrictEventReader.read(files().get(0));
        assertTrue(Files.size(files().get(0)) >= before, "nothing flushed before the failure was lost");
        assertTrue(r.scalars().get("loss").containsKey(0L));
    }

    @Test
    void whenEveryWriteFails_eachFailureIsCounted_andCloseStillReturns() throws IOException {
        SummaryWriter w = writer();
        disk.budget.set(0);
        for (int round = 0; round < 3; round++) {
            Writes.scalar(w, "x", round, round);
            w.flush();
        }
        w.close();
        assertEquals(3, w.stats().writeFailures());
        assertEquals(3, w.stats().lostEvents());
        assertEquals(1, StrictEventReader.read(files().get(0)).events().size());
    }

    @Test
    void whenTruncationFailsToo_theNextWriteStartsANewFile_andBothFilesAreReadable() throws IOException {
        try (SummaryWriter w = writer()) {
            Writes.scalar(w, "x", 0, 0);
            w.flush();
            disk.truncateFails.set(true);
            disk.budget.set(20);
            Writes.scalar(w, "x", 1, 1);
            w.flush();
            disk.budget.set(Long.MAX_VALUE);
            Writes.scalar(w, "x", 2, 2);
            w.flush();
            List<Path> files = files();
            assertEquals(2, files.size(), "a fresh file after the damaged one: " + files);
            StrictEventReader.Result first = StrictEventReader.read(files.get(0), true);
            assertTrue(first.tornTailBytes() > 0, "the failed write left a torn tail in the first file");
            assertEquals(1, first.scalars().get("x").size());
            assertEquals(2f, StrictEventReader.read(files.get(1)).scalars().get("x").get(2L));
        }
    }
}
