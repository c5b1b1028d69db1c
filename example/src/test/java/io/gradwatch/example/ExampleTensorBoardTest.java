package io.gradwatch.example;

import io.gradwatch.testing.TensorBoardServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.shade.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: the example's four runs (each setting trained briefly on MNIST, 30 minibatches, gradwatch
 * every 10) as TensorBoard {@value TensorBoardServer#TESTED_VERSION} serves them with each loader.
 */
class ExampleTensorBoardTest {

    private static final int BATCHES = 30;
    private static final long[] LAYER_SIZES = {784 * 512, 512 * 256, 256 * 128, 128 * 64, 64 * 32, 32 * 16, 16 * 10};

    @TempDir
    static Path runs;

    private static final Map<String, SettingResult> results = new LinkedHashMap<>();
    private static final Map<Boolean, TensorBoardServer> servers = new HashMap<>();

    @BeforeAll
    static void runTheExampleBriefly_andStartTensorBoard() throws Exception {
        java.util.Optional<Path> found = TensorBoardServer.findExecutable();
        if (found.isEmpty()) {
            return; // each test is then skipped (failed under CI=true) by requireTensorBoard
        }
        Path exe = found.get();
        Path data = MnistFiles.ensure(MnistFiles.defaultDirectory());
        Console console = new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        Experiment.Config config = new Experiment.Config(1, 128, 0.1, Optimizer.NESTEROVS, ReferenceMlp.DEFAULT_SEED,
                10, 0, BATCHES, data, runs, null);
        try (Experiment experiment = new Experiment(config, console)) {
            for (Init init : Init.values()) {
                for (Act act : Act.values()) {
                    SettingResult r = experiment.run(new Setting(init, act));
                    results.put(r.setting().name(), r);
                }
            }
        }
        for (boolean fast : new boolean[]{true, false}) {
            servers.put(fast, TensorBoardServer.start(exe, runs, fast));
        }
        for (TensorBoardServer tb : servers.values()) {
            for (Map.Entry<String, SettingResult> e : results.entrySet()) {
                tb.await(Duration.ofSeconds(60), points -> points.size() == 1, "/data/plugin/scalars/scalars",
                        "run", e.getKey(), "tag", Experiment.VALIDATION_ACCURACY);
            }
        }
    }

    @BeforeEach
    void requireTensorBoard() {
        TensorBoardServer.requireExecutable();
    }

    @AfterAll
    static void stopTensorBoard() {
        servers.values().forEach(TensorBoardServer::close);
    }

    @ParameterizedTest(name = "load_fast={0}")
    @ValueSource(booleans = {true, false})
    void theFourRuns_areListed(boolean fast) {
        List<String> listed = new ArrayList<>();
        servers.get(fast).get("/data/runs").forEach(r -> listed.add(r.asText()));
        assertEquals(List.of("uniform_relu", "uniform_sigmoid", "xavier_relu", "xavier_sigmoid"),
                listed.stream().sorted().toList());
    }

    @ParameterizedTest(name = "load_fast={0}")
    @ValueSource(booleans = {true, false})
    void firstLayerGradientRms_isWhatTheExampleMeasured(boolean fast) {
        for (SettingResult r : results.values()) {
            Map<Long, Double> served = new TreeMap<>();
            servers.get(fast).get("/data/plugin/scalars/scalars", "run", r.setting().name(), "tag",
                    "gradients/layer0/W/rms").forEach(p -> served.put(p.get(1).asLong(), p.get(2).asDouble()));
            Map<Long, Double> measured = new TreeMap<>();
            for (int i = 0; i < r.gradients().iterations().size(); i++) {
                measured.put(r.gradients().iterations().get(i), (double) r.gradients().firstRms().get(i).floatValue());
            }
            assertEquals(BATCHES / 10, measured.size());
            assertEquals(measured, served, r.setting().name() + " layer0/W rms by step");
        }
    }

    @ParameterizedTest(name = "load_fast={0}")
    @ValueSource(booleans = {true, false})
    void histograms_ofEveryLayersW_holdEveryValue(boolean fast) {
        for (String run : results.keySet()) {
            for (int k = 0; k < LAYER_SIZES.length; k++) {
                JsonNode points = servers.get(fast).get("/data/plugin/histograms/histograms", "run", run,
                        "tag", "gradients/layer" + k + "/W");
                assertTrue(points.size() >= 1, run + " layer" + k);
                double count = 0;
                double previousRight = Double.NEGATIVE_INFINITY;
                for (JsonNode row : points.get(0).get(2)) {
                    assertTrue(row.get(0).asDouble() <= row.get(1).asDouble(), "no backward bucket: " + row);
                    assertTrue(row.get(0).asDouble() >= previousRight, "buckets ascend: " + row);
                    previousRight = row.get(1).asDouble();
                    count += row.get(2).asDouble();
                }
                assertEquals(LAYER_SIZES[k], (long) count, run + " layer" + k + "/W: every value in a bucket");
            }
        }
    }

    @ParameterizedTest(name = "load_fast={0}")
    @ValueSource(booleans = {true, false})
    void hparams_listsTheFourSessions_withTheirSetting_andValidationAccuracy(boolean fast) {
        TensorBoardServer tb = servers.get(fast);
        List<String> metrics = new ArrayList<>();
        tb.post("/data/plugin/hparams/experiment", "{\"experimentName\": \"\"}").get("metricInfos")
                .forEach(m -> metrics.add(m.get("name").get("tag").asText()));
        assertEquals(List.of("loss", Experiment.VALIDATION_ACCURACY, "gradients/total_norm"), metrics.subList(0, 3));
        assertEquals(3 + LAYER_SIZES.length, metrics.size(), "and each layer's gradient RMS: " + metrics);

        JsonNode groups = tb.post("/data/plugin/hparams/session_groups", "{\"experimentName\": \"\", "
                + "\"allowedStatuses\": [\"STATUS_UNKNOWN\", \"STATUS_SUCCESS\", \"STATUS_FAILURE\", \"STATUS_RUNNING\"], "
                + "\"startIndex\": 0, \"sliceSize\": 100}").get("sessionGroups");
        assertEquals(4, groups.size());
        for (JsonNode g : groups) {
            String name = g.get("hparams").get("init").asText() + "_" + g.get("hparams").get("act").asText();
            SettingResult r = results.get(name);
            assertTrue(r != null, "a session for each setting: " + name);
            Map<String, Double> values = new HashMap<>();
            g.get("metricValues").forEach(v -> values.put(v.get("name").get("tag").asText(), v.get("value").asDouble()));
            assertEquals(metrics.size(), values.size(), name + " has data for every declared metric: " + values);
            assertEquals((float) r.finalAccuracy(), values.get(Experiment.VALIDATION_ACCURACY), 0.0, name);
        }
    }

    @ParameterizedTest(name = "load_fast={0}")
    @ValueSource(booleans = {true, false})
    void customScalarsLayout_chartsEveryLayersGradientRms(boolean fast) {
        JsonNode category = servers.get(fast).get("/data/plugin/custom_scalars/layout").get("category").get(0);
        assertEquals("gradwatch", category.get("title").asText());
        List<String> rmsChart = new ArrayList<>();
        category.get("chart").forEach(c -> {
            if (c.get("title").asText().startsWith("gradient RMS")) {
                c.get("multiline").get("tag").forEach(t -> rmsChart.add(t.asText()));
            }
        });
        assertTrue(rmsChart.contains("gradients/layer0/W/rms$") && rmsChart.contains("gradients/layer6/W/rms$"),
                rmsChart.toString());
    }
}
