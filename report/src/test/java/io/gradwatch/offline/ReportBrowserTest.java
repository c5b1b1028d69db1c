package io.gradwatch.offline;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Opens report files from file:// in headless Chromium with every network path closed (an unreachable
 * proxy, no name resolution, no background networking) and reads what was drawn from the ECharts
 * instances. Every request the browser makes is taken from its DevTools performance log: the only one
 * allowed is the file itself. With CI=true a missing browser fails; elsewhere the test is skipped.
 * Screenshots land in target/screenshots/.
 */
class ReportBrowserTest {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final List<String> RUN_CHARTS = List.of("chart-flow", "chart-depth", "chart-rms", "chart-ratio",
            "chart-activations", "chart-loss");

    static WebDriver driver;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBrowser() throws Exception {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            String message = "the report's browser test needs /usr/bin/chromium and /usr/bin/chromedriver "
                    + "(apt-get install -y chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true, so this is a failure)");
            }
            Assumptions.assumeTrue(false, message + "; skipped outside CI");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1400,4200",
                "--user-data-dir=" + Files.createTempDirectory("gradwatch-report-chromium").toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void reportOfRunsOfDifferentDepth_withADeadRun_rendersOffline_everyCellOfEveryRunDrawn_depthRelative() throws Exception {
        writeSyntheticRuns();
        Path html = report("report-synthetic.html");
        assertTrue(Files.readString(html).contains("gw.data = {") == HtmlReport.pageAvailable(),
                "the Gradients page's own scripts are inlined when gradwatch-ui is on the class path");
        open(html, SYNTHETIC, "report-synthetic.png");
        assertSyntheticCharts();
        if (HtmlReport.pageAvailable()) {
            Object cells = js("var c = echarts.getInstanceByDom(document.getElementById('chart-heatmap'));"
                    + "return c ? c.getOption().series.reduce(function (n, s) { return n + (s.data || []).length; }, 0) : -1;");
            assertEquals(2L * 20, ((Number) cells).longValue(),
                    "the histogram panel draws the first run's histograms: two decades at each of 20 reports");
        }
    }

    @Test
    void simpleView_rendersTheSameRunsOffline() throws Exception {
        writeSyntheticRuns();
        Path html = report("report-simple.html", "--simple-view");
        open(html, SYNTHETIC, "report-simple.png");
        assertSyntheticCharts();
    }

    /** The README's bar: the example's four runs (./run-example.sh --exit --no-ui writes runs/), if present. */
    @Test
    void reportOfTheExamplesFourRuns_rendersOffline_withEveryRun() throws Exception {
        // .ci/run trains the example into target/ci-example-runs before the tests; a user's ./run-example.sh into runs/
        Path runs = Path.of(System.getProperty("gradwatch.exampleRuns",
                Files.isDirectory(Path.of("../target/ci-example-runs")) ? "../target/ci-example-runs" : "../runs"));
        Assumptions.assumeTrue(Files.isDirectory(runs.resolve("uniform_sigmoid")),
                "no example runs at " + runs.toAbsolutePath() + " (./run-example.sh --exit --no-ui writes them)");
        Path html = Path.of("target/report-example.html").toAbsolutePath();
        assertEquals(0, ReportMain.run("report", runs.toString(), "-o", html.toString()));
        open(html, List.of("uniform_relu", "uniform_sigmoid", "xavier_relu", "xavier_sigmoid"), "report-example.png");
    }

    static final List<String> SYNTHETIC = List.of("dead", "relu_shallow", "sigmoid_deep");

    private void writeSyntheticRuns() {
        new SinkRuns("sigmoid_deep", 7, 1e-8, false).withHistograms().write(tmp, 200);
        new SinkRuns("relu_shallow", 3, 1e-4, false).withHistograms().write(tmp, 200);
        new SinkRuns("dead", 4, 1e-3, true).withHistograms().write(tmp, 200);
    }

    private Path report(String name, String... options) {
        Path html = Path.of("target", name).toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("report", tmp.toString(), "-o", html.toString()));
        args.addAll(List.of(options));
        assertEquals(0, ReportMain.run(args.toArray(String[]::new)));
        return html;
    }

    private static void assertSyntheticCharts() {
        long deadCells = ((Number) js("var o = echarts.getInstanceByDom(document.getElementById('chart-flow')).getOption();"
                + "return o.series.filter(function (s) { return s.name.split(' ')[0] === 'dead'; })"
                + ".reduce(function (n, s) { return n + s.data.length; }, 0);")).longValue();
        assertEquals(4L * 20, deadCells, "every layer of the dead run is drawn at each of its 20 reports, zeros included");
        Object depthX = js("var o = echarts.getInstanceByDom(document.getElementById('chart-depth')).getOption();"
                + "return o.series.filter(function (s) { return s.data && s.data.length; }).map(function (s) {"
                + " var xs = s.data.map(function (d) { return Array.isArray(d) ? d[0] : d.value[0]; });"
                + " return [s.name, Math.min.apply(null, xs), Math.max.apply(null, xs), xs.length]; });");
        assertEquals("[[dead, 0, 1, 4], [relu_shallow, 0, 1, 3], [sigmoid_deep, 0, 1, 7]]",
                sortedRows(depthX), "each model's depth runs from 0 (input) to 1 (output), one point per layer");
    }

    @SuppressWarnings("unchecked")
    private static String sortedRows(Object rows) {
        List<String> out = new ArrayList<>();
        for (Object r : (List<Object>) rows) {
            out.add(r.toString());
        }
        out.sort(null);
        return out.toString();
    }

    private void open(Path html, List<String> runs, String screenshot) throws Exception {
        driver.manage().logs().get(LogType.PERFORMANCE); // drops what earlier pages logged
        driver.manage().logs().get(LogType.BROWSER);
        driver.get(html.toUri().toString());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        for (String chart : RUN_CHARTS) {
            wait.until(d -> String.valueOf(js("var e = document.getElementById('" + chart + "');"
                    + "return e && e.getAttribute('data-sessions') && JSON.parse(e.getAttribute('data-sessions')).sort();"))
                    .equals(runs.toString()));
            Object drawn = js("var o = echarts.getInstanceByDom(document.getElementById('" + chart + "')).getOption();"
                    + "var names = {}; o.series.forEach(function (s) { if (s.data && s.data.length) { names[s.name.split(' ')[0]] = 1; } });"
                    + "return Object.keys(names).sort();");
            assertEquals(runs, drawn, chart + ": every run has a series with data");
        }
        Thread.sleep(300); // lets late console messages arrive
        assertEquals(List.of(), consoleErrors(), "console errors");
        assertEquals(List.of(html.toUri().toString()), requestedUrls(), "the only request is the file itself");
        assertEquals(0L, js("return performance.getEntriesByType('resource').length;"));
        Files.createDirectories(Path.of("target/screenshots"));
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target/screenshots", screenshot), StandardCopyOption.REPLACE_EXISTING);
    }


    private static List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    /** Every URL the page asked the network stack for (DevTools Network.requestWillBeSent), in order. */
    private static List<String> requestedUrls() {
        List<String> urls = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            String m = e.getMessage();
            if (m.contains("\"Network.requestWillBeSent\"")) {
                int at = m.indexOf("\"url\":\"", m.indexOf("\"request\":"));
                urls.add(m.substring(at + 7, m.indexOf('"', at + 7)));
            }
        }
        return urls;
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }
}
