package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.TestNetworks;
import io.gradwatch.ui.http.PageAssets;
import io.gradwatch.ui.store.BoundedStatsStorage;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.nd4j.linalg.dataset.DataSet;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Loads /gradients in headless Chromium (Debian's chromium and chromium-driver) with four runs like the
 * example's, and asserts from the ECharts instances themselves; then follows a live training run. With
 * CI=true a missing browser fails the test; elsewhere it is skipped (reported as skipped, not as 0 tests).
 * Screenshots land in target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GradientsPageBrowserTest {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final String SCRIPT = GradientsRoutesTest.SCRIPT;
    static final List<String> LAYERS = List.of(SCRIPT, "out");

    static WebDriver driver;
    static int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!present) {
            String message = "headless browser test needs Debian's chromium and chromium-driver "
                    + "(/usr/bin/chromium, /usr/bin/chromedriver): apt-get install -y chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true, so this is a failure)");
            }
            Assumptions.assumeTrue(false, message + "; skipped outside CI");
        }
        // The driver path is set explicitly, so Selenium Manager never runs (nothing is downloaded).
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,4200",
                "--user-data-dir=" + Files.createTempDirectory("gradwatch-chromium").toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
        GradWatch.builder().sessionId("starter").ui(0).build();
        port = GradWatchUi.server(0).getPort();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** The charts that draw one or more series per run. */
    static final List<String> RUN_CHARTS = List.of("chart-flow", "chart-depth", "chart-rms", "chart-loss",
            "chart-timeline", "chart-ratio", "chart-activations");

    @Test
    @Order(1)
    void fourExampleRuns_areAllDrawnOnFirstLoad_inColoursNoOtherRunUses_withDecadeLabels() throws Exception {
        driver.get("http://localhost:" + port + "/gradients");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> d.findElement(By.id("empty")).isDisplayed());
        assertTrue(driver.findElement(By.id("empty")).getText().contains("No gradwatch session yet"));
        js("window.__noReload = 'marker';");

        ExampleRuns.publish(GradWatchUi.sink(GradWatchUi.memoryStorage()));
        for (String chart : RUN_CHARTS) {
            wait.until(d -> drawnRuns(chart).containsAll(ExampleRuns.NAMES));
        }
        assertEquals("marker", js("return window.__noReload;"), "the runs appeared without a reload");
        for (String chart : RUN_CHARTS) {
            assertEquals(List.of(), sharedStyles(chart), chart + ": series of different runs share colour and style");
        }
        // Every run has a small multiple of its own in the gradient flow, on one colour scale.
        assertEquals(ExampleRuns.NAMES.size(), ((Number) js("return " + option("chart-flow")
                + ".series.filter(function (s) { return s.type === 'heatmap'; }).length;")).intValue());
        assertEquals(1L, js("return " + option("chart-flow") + ".visualMap.length;"));

        // Log axes say 1e-8, never 0.00000001; the vanishing run reaches 1e-8.
        List<String> rmsLabels = axisLabels("chart-rms", "yAxis", 0);
        assertTrue(rmsLabels.contains("1e-8"), "RMS axis labels: " + rmsLabels);
        for (String chart : List.of("chart-rms", "chart-depth", "chart-ratio")) {
            for (String l : axisLabels(chart, "yAxis", 0)) {
                assertTrue(l.isEmpty() || l.equals("0") || l.matches("1e-?\\d+"), chart + " label '" + l + "'");
            }
        }
        // The depth axis is fixed by all runs' history: it spans at least 1e-8 .. 1e-3 whatever the iteration.
        assertTrue(((Number) js("return " + option("chart-depth") + ".yAxis[0].min;")).doubleValue() <= 1e-8);
        // Histogram rows are decimal decades.
        wait.until(d -> !attr("chart-heatmap", "data-sessions").isEmpty());
        List<String> rows = axisLabels("chart-heatmap", "yAxis", 0);
        assertFalse(rows.isEmpty());
        assertTrue(rows.stream().allMatch(r -> r.matches("0|[<>=]*1e-?\\d+")), "heatmap rows: " + rows);

        // The runs table names activation, init, updater and learning rate; the gradient scale is stated.
        String sessions = driver.findElement(By.id("runs")).getText();
        assertTrue(sessions.contains("activation") && sessions.contains("sigmoid") && sessions.contains("uniform")
                && sessions.contains("nesterovs") && sessions.contains("0.1"), sessions);
        wait.until(d -> !d.findElement(By.id("scale")).getText().isEmpty());
        assertTrue(driver.findElement(By.id("scale")).getText().contains("Gradient shown"));
        // The run with two workers offers a worker selector.
        assertEquals(2, driver.findElements(By.cssSelector("#runs select[data-session='xavier_relu'] option"))
                .size(), "xavier_relu lists workers 0 and 1");
        // Epoch starts are marked on the time charts; validation accuracy is on a 0..1 axis.
        assertTrue(((Number) js("return " + option("chart-loss") + ".series[0].markLine.data.length;")).intValue() >= 1);
        assertEquals(1.0, ((Number) js("return " + option("chart-loss") + ".yAxis[1].max;")).doubleValue());
        // A recover() action is a labelled mark at its iteration, not a line among the metrics.
        assertEquals(Boolean.TRUE, js("return " + option("chart-loss") + ".series.some(function (s) { return s.markLine"
                + " && s.markLine.data.some(function (d) { return d.name === 'recovery/skipped' && d.xAxis === "
                + ExampleRuns.SKIPPED_ITERATION + "; }); });"), "the skipped batch is marked on the loss chart");
        assertEquals(Boolean.FALSE, js("return " + option("chart-loss") + ".series.some(function (s) {"
                + " return s.id.indexOf('recovery/') >= 0; });"), "no line is drawn for the recovery count");
        // The diagnosis of every run, with its severity.
        String verdicts = driver.findElement(By.id("verdicts")).getText();
        for (String run : ExampleRuns.NAMES) {
            assertTrue(verdicts.contains(run), "diagnosis of " + run + ": " + verdicts);
        }
        assertTrue(verdicts.contains("WARNING") && verdicts.contains("NOTE"), verdicts);

        screenshot("gradients-page.png");
        // The top of the page, for docs/images/gradients-page.png.
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1500));
        screenshot("gradients-page-top.png");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 4200));
        assertEquals(List.of(), consoleErrors(), "browser console errors");
    }

    @Test
    @Order(2)
    void liveRun_withAHostileLayerName_isShownAsText_andUpdatesWithoutReload() throws Exception {
        driver.get("http://localhost:" + port + "/gradients");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // the table is redrawn every poll
        js("window.__noReload = 'marker';");
        AtomicBoolean stop = new AtomicBoolean();
        Thread training = new Thread(() -> train(stop), "browser-test-training");
        training.start();
        try {
            // The first fit loads ND4J's native code: on a busy machine that alone can take half a minute.
            new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> drawnRuns("chart-rms").contains("browser-run"));
            wait.until(d -> driver.findElements(By.cssSelector("#latest-table td")).stream()
                    .anyMatch(td -> td.getText().equals(SCRIPT)));
            long first = Long.parseLong(attr("latest-iteration", "data-iteration"));
            wait.until(d -> Long.parseLong(attr("latest-iteration", "data-iteration")) > first + 2);
            assertEquals("marker", js("return window.__noReload;"), "the page updated without a reload");
            assertEquals(0L, js("return document.querySelectorAll('#runs script, #latest-table script, "
                    + "#heatmap-layer script, #verdicts script').length;"));
            assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
            wait.until(d -> drawnRuns("chart-loss").contains("browser-run"));
        } finally {
            stop.set(true);
            training.join(30_000);
        }
        assertEquals(List.of(), consoleErrors(), "browser console errors");
        // The log channel itself works: an error logged now is read back.
        js("console.error('gradwatch-selftest');");
        assertTrue(driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .anyMatch(e -> e.getMessage().contains("gradwatch-selftest")), "browser logs are readable");
    }

    /** The storage of the scenario on show; only it is attached, so the page shows exactly its runs. */
    static BoundedStatsStorage scenario;

    /** Detaches every other storage, attaches a fresh one with what {@code publish} writes, and loads the page. */
    static void showOnly(java.util.function.Consumer<io.gradwatch.sink.ReportSink> publish) {
        // Leave the previous page first: its poll would otherwise ask for runs that are being detached.
        driver.get("about:blank");
        driver.manage().logs().get(LogType.BROWSER); // reading the log empties it
        org.deeplearning4j.ui.api.UIServer server = GradWatchUi.server(0);
        server.detach(GradWatchUi.memoryStorage());
        if (scenario != null) {
            server.detach(scenario);
        }
        scenario = new BoundedStatsStorage();
        server.attach(scenario);
        publish.accept(GradWatchUi.sink(scenario));
        driver.get("http://localhost:" + port + "/gradients");
    }

    @Test
    @Order(3)
    void runWhoseLayersAllDie_hasEveryCellDrawnInTheZeroColour_andItsLinesOnTheMarkedFloor() throws Exception {
        showOnly(sink -> PageScenarios.allDead(sink, "all_dead"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        for (String chart : List.of("chart-flow", "chart-depth", "chart-rms")) {
            wait.until(d -> drawnRuns(chart).contains("all_dead"));
        }
        // 5 layers x 20 iterations, every one a cell; from iteration 1 on, each is the "exactly 0" code.
        List<?> cells = (List<?>) js("return " + option("chart-flow") + ".series[0].data;");
        assertEquals(5 * PageScenarios.ITERATIONS, cells.size(), "every cell of the dead run is drawn");
        String zero = (String) js("var p = " + option("chart-flow") + ".visualMap[0].pieces.filter(function (p) {"
                + " return p.label.indexOf('exactly 0') === 0; })[0]; return p.value + '|' + p.color;");
        double zeroCode = Double.parseDouble(zero.split("\\|")[0]);
        long zeros = cells.stream().map(c -> ((Number) ((List<?>) c).get(2)).doubleValue()).filter(v -> v == zeroCode).count();
        assertEquals(5 * (PageScenarios.ITERATIONS - 1), zeros, "cells after iteration 0 are in the zero colour " + zero);
        // The lines do not vanish: every RMS point after iteration 0 lies on the axis floor, which is labelled 0.
        Number floor = (Number) js("return " + option("chart-rms") + ".yAxis[0].min;");
        List<?> onFloor = (List<?>) js("return " + option("chart-rms") + ".series.filter(function (s) { return s.name === 'all_dead'; })"
                + ".map(function (s) { return s.data.filter(function (d) { return d.raw === 0 && d.value[1] === " + floor + "; }).length; });");
        assertEquals(5, onFloor.size(), "one line per dead layer");
        onFloor.forEach(n -> assertEquals(PageScenarios.ITERATIONS - 1, ((Number) n).intValue()));
        assertTrue(axisLabels("chart-rms", "yAxis", 0).contains("0"), "the floor is labelled 0");
        String verdicts = driver.findElement(By.id("verdicts")).getText();
        assertTrue(verdicts.contains("all-zero gradient in 1 of 5 layers: dense0"), verdicts);
        screenshot("dead-run.png");
        assertEquals(List.of(), consoleErrors(), "browser console errors");
    }

    @Test
    @Order(4)
    void xception_everyLayerNameIsOnTheMapInFull_andInTheList() throws Exception {
        List<String> layers = PageScenarios.xceptionLayers();
        assertEquals(81, layers.size(), "DL4J's zoo Xception has 81 layers with parameters");
        showOnly(sink -> PageScenarios.xception(sink, "xception", layers));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> drawnRuns("chart-flow").contains("xception"));
        assertEquals(layers, js("return " + option("chart-flow") + ".yAxis[0].data;"), "one row per layer, full names, in order");
        List<String> drawn = axisLabels("chart-flow", "yAxis", 0);
        assertEquals(layers, drawn, "every row is labelled");
        // The labels' room holds the longest name at the label font (nothing is cut).
        Number room = (Number) js("return " + option("chart-flow") + ".grid[0].left;");
        Number longest = (Number) js("var c = document.createElement('canvas').getContext('2d'); c.font = '10px sans-serif';"
                + "return Math.max.apply(null, " + option("chart-flow") + ".yAxis[0].data.map(function (l) { return c.measureText(l).width; }));");
        assertTrue(room.doubleValue() >= longest.doubleValue() + 8, "label room " + room + " for " + longest);
        String list = (String) js("return document.getElementById('flow-layers').textContent;");
        for (String name : layers) {
            assertTrue(list.contains(name + " \u2014"), name + " in the layer list");
        }
        // The map grew with the layers: at least 10 px per row.
        Number height = (Number) js("return " + option("chart-flow") + ".grid[0].height;");
        assertTrue(height.doubleValue() >= 10 * layers.size(), "map height " + height);
        screenshot("xception.png");
        // Every parameter (162 rows) is more than a map holds: two rows to a map row, every name still listed.
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("param-filter"))).selectByValue("*");
        wait.until(d -> String.valueOf(js("return " + option("chart-flow") + ".yAxis[0].data[0];")).endsWith("(2)"));
        assertEquals(layers.size(), ((List<?>) js("return " + option("chart-flow") + ".yAxis[0].data;")).size(),
                "162 parameters, two to a row");
        String grouped = (String) js("return document.getElementById('flow-layers').textContent;");
        for (String name : layers) {
            assertTrue(grouped.contains(name + " \u00b7 W \u2014") && grouped.contains(name + " \u00b7 b \u2014"),
                    name + "'s parameters in the list");
        }
        assertTrue(grouped.contains("groups 2 to a row"), grouped.substring(0, 200));
        assertEquals(List.of(), consoleErrors(), "browser console errors");
    }

    @Test
    @Order(5)
    void mlpBesideCnn_sitOnOneRelativeDepthAxis_whereNoPositionIsSharedByDifferentDepths() throws Exception {
        showOnly(PageScenarios::mlpBesideCnn);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> drawnRuns("chart-depth").containsAll(List.of("mlp_11", "cnn_4")));
        assertEquals("value", js("return " + option("chart-depth") + ".xAxis[0].type;"));
        for (String run : List.of("mlp_11", "cnn_4")) {
            List<?> xs = (List<?>) js("return " + option("chart-depth") + ".series.filter(function (s) { return s.name === '"
                    + run + "'; })[0].data.map(function (d) { return d.value[0]; });");
            int n = run.equals("mlp_11") ? 11 : 4;
            assertEquals(n, xs.size(), run);
            for (int k = 0; k < n; k++) {
                assertEquals((double) k / (n - 1), ((Number) xs.get(k)).doubleValue(), 1e-9, run + " layer " + k);
            }
        }
        // Positions shared by the two runs are the same relative depth (0 and 1: first and output layers).
        List<?> shared = (List<?>) js("var o = " + option("chart-depth") + "; var a = {}, out = [];"
                + "o.series.filter(function (s) { return s.type === 'line' && s.data.length; }).forEach(function (s, r) {"
                + "  s.data.forEach(function (d, k) { var x = d.value[0]; if (a[x] !== undefined && a[x] !== r) { out.push(x); } a[x] = r; }); });"
                + "return out;");
        assertEquals(List.of(0L, 1L), shared.stream().map(x -> ((Number) x).longValue()).sorted().toList(), "shared " + shared);
        screenshot("mlp-beside-cnn.png");
        assertEquals(List.of(), consoleErrors(), "browser console errors");
    }

    @Test
    @Order(6)
    void sweepOf20Runs_listsAll20_sortsAndFilters_andDrawsTheChosen() throws Exception {
        showOnly(sink -> PageScenarios.sweep(sink, 20));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> d.findElements(By.cssSelector("#runs tbody tr")).size() == 20);
        List<String> listed = driver.findElements(By.cssSelector("#runs tbody tr")).stream()
                .map(r -> r.getAttribute("data-session")).sorted().toList();
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            expected.add(String.format("sweep_%02d", r));
        }
        assertEquals(expected, listed, "all 20 runs are listed");
        wait.until(d -> drawnRuns("chart-loss").stream().distinct().count() == 8);
        // Sort by learning rate (ascending): sweep_00 has the smallest.
        driver.findElements(By.cssSelector("#runs thead th")).stream().filter(th -> th.getText().startsWith("lr"))
                .findFirst().orElseThrow().click();
        assertEquals("sweep_00", driver.findElement(By.cssSelector("#runs tbody tr")).getAttribute("data-session"));
        // Filter, then draw what is listed.
        driver.findElement(By.id("runs-filter")).sendKeys("sweep_1");
        assertEquals(10, driver.findElements(By.cssSelector("#runs tbody tr")).size());
        driver.findElement(By.id("runs-draw-listed")).click();
        wait.until(d -> drawnRuns("chart-loss").stream().distinct().sorted().toList()
                .equals(expected.subList(10, 18)));
        screenshot("sweep-20.png");
        assertEquals(List.of(), consoleErrors(), "browser console errors");
    }

    @Test
    @Order(7)
    void standalonePage_withEmbeddedAnswers_drawsEveryRunWithoutAnyRequest() throws Exception {
        showOnly(ExampleRuns::publish);
        // The answers the page would fetch, keyed by gw.data.path: what a report file embeds.
        StringBuilder embedded = new StringBuilder("{");
        embedded.append(quote("sessions")).append(':').append(new Http(port).get("/gradients/api/sessions").body());
        for (String run : ExampleRuns.NAMES) {
            for (String e : List.of("series", "verdicts", "layers")) {
                String path = PageAssets.dataPath(e, java.util.Map.of("session", run, "worker", "0"));
                embedded.append(',').append(quote(path)).append(':')
                        .append(new Http(port).get("/gradients/api/" + path).body());
            }
        }
        String html = PageAssets.standalonePage(embedded.append('}').toString());
        File file = new File("target/screenshots/standalone.html");
        Files.createDirectories(file.getParentFile().toPath());
        Files.writeString(file.toPath(), html);
        driver.get(file.toURI().toString());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        for (String chart : RUN_CHARTS) {
            wait.until(d -> drawnRuns(chart).containsAll(ExampleRuns.NAMES));
        }
        assertEquals(0L, js("return performance.getEntriesByType('resource').length;"), "no request left the file");
        // Java builds the same keys as the page, also for names that need encoding.
        String odd = "a b/ü!'()*~&=?#%+";
        assertEquals(PageAssets.dataPath("heatmap", java.util.Map.of("session", odd, "worker", "0", "layer", "L 1")),
                js("return gw.data.path('heatmap', { worker: '0', session: arguments[0], layer: 'L 1' });", odd));
        screenshot("standalone.png");
        // Histograms were not embedded: that panel says so instead of failing.
        assertTrue(driver.findElement(By.id("chart-heatmap-empty")).getText().contains("this file holds no heatmap"));
        assertEquals(List.of(), consoleErrors(), "browser console errors");
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static String option(String id) {
        return "echarts.getInstanceByDom(document.getElementById('" + id + "')).getOption()";
    }

    @SuppressWarnings("unchecked")
    private static List<String> drawnRuns(String id) {
        Object r = js("var c = echarts.getInstanceByDom(document.getElementById('" + id + "'));"
                + "if (!c) { return []; } return (c.getOption().series || []).map(function (s) { return s.name; });");
        return r instanceof List<?> l ? (List<String>) l : List.of();
    }

    /** "colour|style" keys used by series of more than one run (heatmaps share the colour scale by design). */
    @SuppressWarnings("unchecked")
    private static List<String> sharedStyles(String id) {
        Object r = js("var o = " + option(id) + "; var by = {}; var shared = [];"
                + "(o.series || []).forEach(function (s) { if (s.type === 'heatmap') { return; }"
                + "  var ls = s.lineStyle || {}, is = s.itemStyle || {};"
                + "  var key = (ls.color || is.color || 'auto') + '|' + (ls.type || 'solid') + '|' + s.type;"
                + "  if (by[key] === undefined) { by[key] = s.name; } else if (by[key] !== s.name) { shared.push(key + ' ' + by[key] + '/' + s.name); } });"
                + "return shared;");
        return r instanceof List<?> l ? (List<String>) l : List.of();
    }

    /** The labels ECharts actually drew on axis {@code index} of kind {@code axis} ("xAxis" or "yAxis"). */
    @SuppressWarnings("unchecked")
    private static List<String> axisLabels(String id, String axis, int index) {
        Object r = js("var c = echarts.getInstanceByDom(document.getElementById('" + id + "'));"
                + "var a = c.getModel().getComponent('" + axis + "', " + index + ").axis;"
                + "return a.getViewLabels().map(function (l) { return String(l.formattedLabel); });");
        return r instanceof List<?> l ? (List<String>) l : List.of();
    }

    private static List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    static void screenshot(String name) throws java.io.IOException {
        File dir = new File("target/screenshots");
        Files.createDirectories(dir.toPath());
        File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.FILE);
        Files.copy(shot.toPath(), new File(dir, name).toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void train(AtomicBoolean stop) {
        ComputationGraph graph = GradientsRoutesTest.scriptGraph(SCRIPT);
        GradWatchListener l = GradWatch.builder().sessionId("browser-run").every(1).histogramsEvery(2).ui(0).build();
        graph.addListeners(l);
        DataSet d = TestNetworks.data(4, 32, 12, 3);
        try {
            long i = 0;
            while (!stop.get()) {
                graph.fit(d);
                if (i++ % 5 == 0) {
                    l.metric("validation/accuracy", 0.5, graph.getIterationCount(), graph.getEpochCount());
                }
                Thread.sleep(50); // paces the run so the page sees it grow
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            l.close();
        }
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static String attr(String id, String name) {
        String v = driver.findElement(By.id(id)).getAttribute(name);
        return v == null ? "" : v;
    }
}
