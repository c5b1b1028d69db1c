package io.gradwatch.tensorboard;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.proto.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: one listener attached to a second network, or to its network training again from iteration 0,
 * starts a new session and TensorBoard run of its own: no run has duplicate or backward steps.
 */
class NewSessionTest {

    @TempDir
    Path tmp;

    /** Every tag's steps in file order, per events file under {@code dir}; fails on a duplicate or backward step. */
    private static Map<Path, Set<Long>> lossStepsPerRun(Path dir) throws IOException {
        Map<Path, Set<Long>> out = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().contains("tfevents")).toList();
        }
        for (Path f : files) {
            Map<String, Long> last = new HashMap<>();
            for (Event e : StrictEventReader.read(f).events()) {
                for (var v : e.getSummary().getValueList()) {
                    Long before = last.put(v.getTag(), e.getStep());
                    assertTrue(before == null || before < e.getStep(), f + ": tag " + v.getTag() + " goes from step "
                            + before + " to " + e.getStep());
                }
            }
            out.put(dir.relativize(f.getParent()), StrictEventReader.read(f).scalars()
                    .getOrDefault(Tags.LOSS, Map.of()).keySet().stream().collect(Collectors.toCollection(TreeSet::new)));
        }
        return out;
    }

    @Test
    void whenAttachedToAnotherNetwork_andWhenTrainingRestartsAtZero_eachGetsASessionAndRunOfItsOwn()
            throws IOException {
        Path run = tmp.resolve("run");
        RecordingSink reports = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(1).sessionId("s").tensorBoard(run).sink(reports).build();
        MultiLayerNetwork first = TestNetworks.mlp(91);
        first.addListeners(l);
        var data = TestNetworks.data(91, 16, 12, 3);
        for (int i = 0; i < 4; i++) {
            first.fit(data);
        }
        MultiLayerNetwork second = TestNetworks.mlp(92);
        second.addListeners(l);
        for (int i = 0; i < 3; i++) {
            second.fit(data);
        }
        second.setIterationCount(0); // the same network trained again from the start
        for (int i = 0; i < 2; i++) {
            second.fit(data);
        }
        l.close();

        assertEquals(List.of("s", "s", "s", "s", "s-2", "s-2", "s-2", "s-3", "s-3"),
                reports.reports.stream().map(r -> r.sessionId()).toList());
        Map<Path, Set<Long>> steps = lossStepsPerRun(run);
        assertEquals(Map.of(Path.of(""), Set.of(0L, 1L, 2L, 3L), Path.of("s-2"), Set.of(0L, 1L, 2L),
                Path.of("s-3"), Set.of(0L, 1L)), steps);
    }

    /**
     * Issue 26: one listener, net A 20-16-10 for 10 iterations, flush(), then net B 30-8-8-4 for 10, trained on the
     * same thread or on another one (the session is the listener's, not the training thread's).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void whenReusedOnAnotherShapeAfterFlush_thenNewSessionAndNoDuplicateOrBackwardSteps(boolean otherThread)
            throws Exception {
        Path run = tmp.resolve("run");
        RecordingSink reports = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(1).tensorBoard(run).sink(reports).build();
        MultiLayerNetwork a = TestNetworks.mlp(93, 20, new int[] {16}, 10, Activation.RELU, 0.1);
        a.setListeners(l);
        var dataA = TestNetworks.data(93, 16, 20, 10);
        train(a, dataA, false);
        l.flush();
        MultiLayerNetwork b = TestNetworks.mlp(94, 30, new int[] {8, 8}, 4, Activation.RELU, 0.1);
        b.setListeners(l);
        var dataB = TestNetworks.data(94, 16, 30, 4);
        train(b, dataB, otherThread);
        l.close();

        assertEquals(2, reports.sessions.size(), "a session for each network");
        String first = reports.sessions.get(0).sessionId();
        assertEquals(first + "-2", reports.sessions.get(1).sessionId());
        assertEquals(3, reports.sessions.get(1).layers().size(), "net B's layers");
        Map<Path, Set<Long>> steps = lossStepsPerRun(run); // fails on a duplicate or backward step
        assertEquals(2, steps.size(), "a TensorBoard run for each network: " + steps.keySet());
        for (Set<Long> s : steps.values()) {
            assertEquals(10, s.size());
        }
    }

    private static void train(MultiLayerNetwork net, DataSet data, boolean otherThread) throws Exception {
        Runnable tenIterations = () -> {
            for (int i = 0; i < 10; i++) {
                net.fit(data);
            }
        };
        if (!otherThread) {
            tenIterations.run();
            return;
        }
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            thread.submit(tenIterations).get(2, TimeUnit.MINUTES);
        } finally {
            thread.shutdownNow();
        }
    }
}
