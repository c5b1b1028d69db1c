package io.gradwatch.tensorboard;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
}
