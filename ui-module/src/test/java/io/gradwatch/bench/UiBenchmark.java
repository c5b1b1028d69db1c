package io.gradwatch.bench;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.StepReport;
import io.gradwatch.sink.ReportSink;
import io.gradwatch.ui.GradWatchUi;
import io.gradwatch.ui.SyntheticReports;
import io.gradwatch.ui.store.BinaryRecord;
import io.gradwatch.ui.store.BoundedStatsStorage;
import org.deeplearning4j.ui.api.UIServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * Publishes N synthetic reports of the reference MLP (784-512-256-128-64-32-16-10: 7 layers x (W, b) =
 * 14 parameters) into the default bounded in-memory storage behind a UI server on a free port, then
 * prints the storage's size, its retained heap and the latency of the page's data endpoints.
 *
 * <p>Not part of the test suite. Run (1,000,000 iterations, every iteration reported, histograms every 10):
 * <pre>
 * mvn -q -B -DskipTests -pl ui-module -am package dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp ui-module/target/test-classes:ui-module/target/classes:$(cat ui-module/target/cp.txt) \
 *     io.gradwatch.bench.UiBenchmark 1000000 10
 * </pre> The series request asks for
 * the keys the Gradients page draws.
 */
public final class UiBenchmark {

    /** What one run measured. */
    public record Result(long iterations, int records, long retainedBytes, double publishMicros,
                         double[] seriesMillis, double[] cachedSeriesMillis, double[] heatmapMillis,
                         double[] depthMillis, int seriesBytes) {
    }

    /** The series keys the Gradients page asks for (parameter W). */
    static final String PAGE_KEYS = java.net.URLEncoder.encode(String.join(",", "gradients/*/W/rms",
            "gradients/*/W/max_abs", "gradients/*/W/nan_count", "gradients/*/W/inf_count", "updates/*/W/ratio",
            "activations/*/dead_fraction", "activations/*/saturated_fraction"), java.nio.charset.StandardCharsets.UTF_8);

    private UiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int histogramsEvery = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        print(run(n, histogramsEvery));
    }

    public static Result run(long iterations, int histogramsEvery) throws Exception {
        BoundedStatsStorage storage = new BoundedStatsStorage();
        UIServer server = GradWatchUi.serve(0, storage);
        ReportSink sink = GradWatchUi.sink(storage);
        SyntheticReports reports = SyntheticReports.referenceMlp("bench");
        sink.start(reports.session());
        reports.step(0, true, false, Diagnosis.none());
        long before = usedHeap(); // the server is up and the storage empty: what follows is the history
        long t0 = System.nanoTime();
        for (long i = 0; i < iterations; i++) {
            StepReport r = reports.step(i, i % histogramsEvery == 0, false, Diagnosis.none());
            sink.publish(r);
        }
        double publishMicros = (System.nanoTime() - t0) / 1e3 / iterations;
        long retained = usedHeap() - before;
        int records = storage.getNumUpdateRecordsFor("bench", BinaryRecord.TYPE_ID, "0");

        HttpClient client = HttpClient.newHttpClient();
        String base = "http://localhost:" + server.getPort() + "/gradients/api/";
        String seriesQuery = base + "series?session=bench&points=300&keys=" + PAGE_KEYS;
        int seriesBytes = get(client, seriesQuery).length();
        long[] next = {iterations};
        // Live case: a new report arrives before every request, so nothing is served from the cache.
        Runnable arrive = () -> sink.publish(reports.step(next[0]++, false, false, Diagnosis.none()));
        double[] series = time(client, seriesQuery, 30, arrive);
        double[] cached = time(client, seriesQuery, 30, () -> { });
        double[] heat = time(client, base + "heatmap?session=bench&layer=layer0&param=W", 30, arrive);
        double[] depth = time(client, base + "depth?session=bench&iteration=" + iterations / 2, 30, arrive);
        server.detach(storage);
        return new Result(iterations, records, retained, publishMicros, series, cached, heat, depth, seriesBytes);
    }

    public static void print(Result r) {
        System.out.printf("gradwatch UI benchmark: %,d iterations of the reference MLP (14 parameters), "
                        + "every iteration reported%n", r.iterations());
        System.out.printf("  storage: %,d records kept (bound %,d per session and worker), retained heap %.1f MB%n",
                r.records(), BoundedStatsStorage.DEFAULT_CAPACITY, r.retainedBytes() / 1e6);
        System.out.printf("  publish: %.2f us per report (building the synthetic report + sink + storage)%n",
                r.publishMicros());
        System.out.printf("  GET series (the page's keys, 300 points, %,d bytes), live: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                r.seriesBytes(), pct(r.seriesMillis(), 50), pct(r.seriesMillis(), 95), pct(r.seriesMillis(), 100));
        System.out.printf("  GET series, unchanged run (cached): median %.1f ms, p95 %.1f ms%n",
                pct(r.cachedSeriesMillis(), 50), pct(r.cachedSeriesMillis(), 95));
        System.out.printf("  GET heatmap: median %.1f ms, p95 %.1f ms%n", pct(r.heatmapMillis(), 50),
                pct(r.heatmapMillis(), 95));
        System.out.printf("  GET depth:   median %.1f ms, p95 %.1f ms%n", pct(r.depthMillis(), 50),
                pct(r.depthMillis(), 95));
    }

    private static double[] time(HttpClient client, String url, int times, Runnable before) throws Exception {
        get(client, url); // warm-up
        double[] ms = new double[times];
        for (int i = 0; i < times; i++) {
            before.run();
            long t = System.nanoTime();
            get(client, url);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static String get(HttpClient client, String url) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
