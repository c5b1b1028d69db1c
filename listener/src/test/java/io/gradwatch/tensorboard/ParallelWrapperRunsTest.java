package io.gradwatch.tensorboard;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Under ParallelWrapper: the first worker writes the run directory, each further worker a worker-<id> run. */
@ExpectedErrorOutput("DL4J's warning that a RoutingIterationListener runs without a StatsStorage")
class ParallelWrapperRunsTest {

    @TempDir
    Path tmp;

    @Test
    void twoWorkers_writeTheRunAndOneWorkerSubdirectory_everyFileStrictlyReadable() throws Exception {
        Path run = tmp.resolve("run");
        RecordingSink recorded = new RecordingSink();
        MultiLayerNetwork net = TestNetworks.mlp(5);
        GradWatchListener listener = GradWatch.builder().every(1).histogramsEvery(2).tensorBoard(run)
                .sink(recorded).build();
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batches.add(TestNetworks.data(10 + i, 16, 12, 3));
        }
        try (ParallelWrapper pw = new ParallelWrapper.Builder<>(net).workers(2).prefetchBuffer(2)
                .averagingFrequency(1).build()) {
            pw.setListeners(listener);
            pw.fit(new ListDataSetIterator<>(batches, 1));
        }
        listener.close();

        Set<String> workers = recorded.reports.stream().map(r -> r.workerId()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(2, workers.size(), "two workers reported: " + workers);
        List<Path> files;
        try (Stream<Path> s = Files.walk(run)) {
            files = s.filter(p -> p.getFileName().toString().contains("tfevents")).sorted().toList();
        }
        assertEquals(2, files.size(), files.toString());
        int withSession = 0;
        for (Path f : files) {
            StrictEventReader.Result r = StrictEventReader.read(f);
            assertFalse(r.scalars().get("loss").isEmpty());
            withSession += r.values(HParams.SESSION_START_TAG).size();
        }
        assertEquals(1, withSession, "one session, in the run directory");
        for (TfInterop.Outcome tf : TfInterop.read(files, tmp)) {
            assertEquals(null, tf.error(), "TensorFlow's reader on " + tf.file());
            assertEquals(StrictEventReader.read(tf.file()).events().size(), tf.records().size());
        }
        assertTrue(files.stream().anyMatch(f -> f.getParent().equals(run)));
        assertTrue(files.stream().anyMatch(f -> f.getParent().getFileName().toString().startsWith("worker-")));
    }
}
