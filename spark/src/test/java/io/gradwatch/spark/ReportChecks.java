package io.gradwatch.spark;

import io.gradwatch.report.Kind;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.SeriesKey;
import io.gradwatch.report.Statistic;
import io.gradwatch.report.StepReport;
import io.gradwatch.tensorboard.RunFiles;
import io.gradwatch.ui.GradWatchUi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Checks shared by the training-master tests: reference statistics, UI storage, TensorBoard runs. */
final class ReportChecks {

    private ReportChecks() {
    }

    /**
     * Every report the driver received matches exactly one executor-side reference step (same iteration,
     * same score) and its gradient and weight RMS equal the reference's, for every parameter; every
     * reference step was reported. {@code refKey} maps a parameter report to DL4J's parameter key.
     */
    static void matchesReference(List<StepReport> reports, List<ReferenceRecorder.Step> reference,
                                 Function<ParameterReport, String> refKey) {
        assertEquals(reference.size(), reports.size(), "one report per trained minibatch (every(1))");
        List<ReferenceRecorder.Step> unmatched = new ArrayList<>(reference);
        for (StepReport r : reports) {
            // workers that start from the same averaged parameters can share a loss; the statistics decide
            List<ReferenceRecorder.Step> candidates = unmatched.stream()
                    .filter(s -> s.iteration() == r.iteration() && s.score() == r.loss()).toList();
            assertFalse(candidates.isEmpty(), "report of worker " + r.workerId() + " at iteration " + r.iteration()
                    + " (loss " + r.loss() + ") matches no reference step");
            ReferenceRecorder.Step ref = candidates.stream().filter(s -> sameStatistics(r, s, refKey)).findFirst()
                    .orElse(candidates.get(0));
            unmatched.remove(ref);
            assertFalse(r.parameters().isEmpty());
            for (ParameterReport p : r.parameters()) {
                double[] expected = ref.rms().get(refKey.apply(p));
                if (expected == null) {
                    fail("no reference for " + p.name() + " (DL4J key " + refKey.apply(p) + ") in " + ref.rms().keySet());
                }
                assertClose(expected[0], p.gradient().rms(), "gradient rms of " + p.name() + " at " + r.iteration());
                assertClose(expected[1], p.weights().rms(), "weight rms of " + p.name() + " at " + r.iteration());
                assertEquals(p.gradient().l2() / Math.sqrt(p.gradient().count()), p.gradient().rms(),
                        1e-12 * Math.max(1, p.gradient().rms()), "rms = l2 / sqrt(count)");
            }
        }
        assertTrue(unmatched.isEmpty(), unmatched.size() + " reference steps were never reported");
    }

    private static boolean sameStatistics(StepReport r, ReferenceRecorder.Step s,
                                          Function<ParameterReport, String> refKey) {
        for (ParameterReport p : r.parameters()) {
            double[] expected = s.rms().get(refKey.apply(p));
            if (expected == null || !close(expected[0], p.gradient().rms()) || !close(expected[1], p.weights().rms())) {
                return false;
            }
        }
        return true;
    }

    private static boolean close(double expected, double actual) {
        return Math.abs(expected - actual) <= 1e-5 * Math.max(Math.abs(expected), 1e-30);
    }

    static void assertClose(double expected, double actual, String what) {
        double tolerance = 1e-5 * Math.max(Math.abs(expected), 1e-30);
        assertEquals(expected, actual, tolerance, what);
    }

    /**
     * DL4J's storage behind the UI lists exactly {@code workers} for the session, and the driver's UI
     * server names them in its sessions endpoint.
     */
    static void uiListsWorkers(String sessionId, Set<String> workers) throws IOException, InterruptedException {
        List<String> listed = GradWatchUi.memoryStorage().listWorkerIDsForSession(sessionId);
        assertEquals(workers, new TreeSet<>(listed), "workers in the UI storage of " + sessionId);
        int port = GradWatchUi.server(0).getPort();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                        + GradWatchUi.PAGE_PATH + "/api/sessions")).timeout(java.time.Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains('"' + sessionId + '"'), response.body());
        workers.forEach(w -> assertTrue(response.body().contains('"' + w + '"'), "worker " + w + " in " + response.body()));
    }

    /**
     * The run directory holds valid event files: one TensorBoard run per worker (the first worker's in
     * the directory itself), each with that worker's first-layer gradient RMS at exactly its reported
     * steps, equal to the reported values.
     */
    static void tensorBoardHasEveryWorker(Path runDir, List<StepReport> reports) throws IOException {
        Map<String, Map<String, Map<Long, Float>>> runs = RunFiles.scalars(runDir);
        Map<String, List<StepReport>> byWorker = reports.stream().collect(Collectors.groupingBy(StepReport::workerId));
        assertEquals(byWorker.size(), runs.size(), "one run per worker, found " + runs.keySet());
        Set<String> matchedRuns = new TreeSet<>();
        for (List<StepReport> own : byWorker.values()) {
            Map<String, Map<Long, Float>> expected = new java.util.TreeMap<>();
            for (StepReport r : own) {
                for (ParameterReport p : r.parameters()) {
                    String tag = new SeriesKey(Kind.GRADIENTS, p.layer(), p.parameter(), Statistic.RMS).path();
                    expected.computeIfAbsent(tag, t -> new java.util.TreeMap<>()).put(r.iteration(), (float) p.gradient().rms());
                }
            }
            String run = runs.entrySet().stream()
                    .filter(e -> !matchedRuns.contains(e.getKey()))
                    .filter(e -> expected.entrySet().stream().allMatch(x -> x.getValue().equals(e.getValue().get(x.getKey()))))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (run == null) {
                fail("no run holds worker " + own.get(0).workerId() + "'s gradient RMS series; runs " + runs.keySet());
            }
            matchedRuns.add(run);
        }
        assertEquals(runs.keySet(), matchedRuns, "each run holds one worker's series");
        RunFiles.histogramCounts(runDir).forEach((run, n) -> assertTrue(n > 0, "histograms in run '" + run + "'"));
    }
}
