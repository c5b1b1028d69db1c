package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.TestNetworks;
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
                assertTrue(l.isEmpty() || l.matches("1e-?\\d+"), chart + " label '" + l + "'");
            }
        }
        // The depth axis is fixed by all runs' history: it spans at least 1e-8 .. 1e-3 whatever the iteration.
        assertTrue(((Number) js("return " + option("chart-depth") + ".yAxis[0].min;")).doubleValue() <= 1e-8);
        // Histogram rows are decimal decades.
        wait.until(d -> !attr("chart-heatmap", "data-sessions").isEmpty());
        List<String> rows = axisLabels("chart-heatmap", "yAxis", 0);
        assertFalse(rows.isEmpty());
        assertTrue(rows.stream().allMatch(r -> r.matches("0|[<>=]*1e-?\\d+")), "heatmap rows: " + rows);

        // Session labels name activation, init, updater and learning rate; the gradient scale is stated.
        String sessions = driver.findElement(By.id("sessions")).getText();
        assertTrue(sessions.contains("activation sigmoid") && sessions.contains("init uniform")
                && sessions.contains("updater nesterovs") && sessions.contains("lr 0.1"), sessions);
        wait.until(d -> !d.findElement(By.id("scale")).getText().isEmpty());
        assertTrue(driver.findElement(By.id("scale")).getText().contains("Gradient shown"));
        // The run with two workers offers a worker selector.
        assertEquals(2, driver.findElements(By.cssSelector("#sessions select[data-session='xavier_relu'] option"))
                .size(), "xavier_relu lists workers 0 and 1");
        // Epoch starts are marked on the time charts; validation accuracy is on a 0..1 axis.
        assertTrue(((Number) js("return " + option("chart-loss") + ".series[0].markLine.data.length;")).intValue() >= 1);
        assertEquals(1.0, ((Number) js("return " + option("chart-loss") + ".yAxis[1].max;")).doubleValue());
        // The diagnosis of every run, with its severity.
        String verdicts = driver.findElement(By.id("verdicts")).getText();
        for (String run : ExampleRuns.NAMES) {
            assertTrue(verdicts.contains(run), "diagnosis of " + run + ": " + verdicts);
        }
        assertTrue(verdicts.contains("WARNING") && verdicts.contains("NOTE"), verdicts);

        screenshot("gradients-page.png");
        assertEquals(List.of(), consoleErrors(), "browser console errors");
    }

    @Test
    @Order(2)
    void liveRun_withAHostileLayerName_isShownAsText_andUpdatesWithoutReload() throws Exception {
        driver.get("http://localhost:" + port + "/gradients");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        js("window.__noReload = 'marker';");
        AtomicBoolean stop = new AtomicBoolean();
        Thread training = new Thread(() -> train(stop), "browser-test-training");
        training.start();
        try {
            wait.until(d -> drawnRuns("chart-rms").contains("browser-run"));
            wait.until(d -> driver.findElements(By.cssSelector("#latest-table td")).stream()
                    .anyMatch(td -> td.getText().equals(SCRIPT)));
            long first = Long.parseLong(attr("latest-iteration", "data-iteration"));
            wait.until(d -> Long.parseLong(attr("latest-iteration", "data-iteration")) > first + 2);
            assertEquals("marker", js("return window.__noReload;"), "the page updated without a reload");
            assertEquals(0L, js("return document.querySelectorAll('#sessions script, #latest-table script, "
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

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static String attr(String id, String name) {
        String v = driver.findElement(By.id(id)).getAttribute(name);
        return v == null ? "" : v;
    }
}
