package io.gradwatch.offline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageDataTest {

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void heatmap_countsEachGradientValueInItsDecade_andADeadRunsZerosInTheZeroRow() throws Exception {
        new SinkRuns("live", 2, 1e-4, false).withHistograms().write(tmp, 50);
        new SinkRuns("dead", 2, 1e-4, true).withHistograms().write(tmp, 50);
        Map<String, Object> answers = PageData.build("t", RunFinder.find(tmp)).answers();
        List<String> labels = HeatmapAnswer.labels();
        for (String run : List.of("live", "dead")) {
            Map<String, Object> h = (Map<String, Object>) answers.get("heatmap?layer=layer1&param=W&session=" + run
                    + "&worker=0");
            assertEquals(List.of(0L, 10L, 20L, 30L, 40L), h.get("iterations"), run);
            for (List<Object> cell : (List<List<Object>>) h.get("cells")) {
                int column = (Integer) cell.get(0);
                String row = labels.get((Integer) cell.get(1));
                long count = (Long) cell.get(2);
                String expected = run.equals("dead") && column > 0 ? "0=64" : row.equals("1e-5") ? "1e-5=40" : "1e-3=24";
                assertEquals(expected, row + "=" + count, run + " column " + column);
            }
            assertEquals(run.equals("dead") ? 2 + 4 : 2 * 5, ((List<?>) h.get("cells")).size(), run);
        }
        assertTrue(labels.containsAll(List.of("0", "<1e-12", "1e-12", "1e-5", "1e-3", "1e5", ">=1e7")), labels.toString());
    }
}
