package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * Loads /gradients in headless Chromium (Debian's chromium and chromium-driver) while a short
 * training runs. With CI=true a missing browser fails the test; elsewhere it is skipped.
 */
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
                "--window-size=1400,3000",
                "--user-data-dir=" + Files.createTempDirectory("gradwatch-chromium").toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
        GradWatch.builder().ui(0).build();
        port = GradWatchUi.server(0).getPort();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void pageShowsEmptyState_thenEveryLayerOfALiveRun_withoutReloadOrConsoleErrors() throws Exception {
        driver.get("http://localhost:" + port + "/gradients");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> d.findElement(By.id("empty")).isDisplayed());
        assertTrue(driver.findElement(By.id("empty")).getText().contains("No gradwatch session yet"));
        js("window.__noReload = 'marker';");

        AtomicBoolean stop = new AtomicBoolean();
        Thread training = new Thread(() -> train(stop), "browser-test-training");
        training.start();
        try {
            wait.until(d -> !attr("latest-iteration", "data-iteration").isEmpty());
            wait.until(d -> legend("chart-rms").size() >= LAYERS.size());
            long first = Long.parseLong(attr("latest-iteration", "data-iteration"));

            List<String> withActivations = new ArrayList<>();
            new Http(port).get("/gradients/api/series", java.util.Map.of("session", "browser-run")).json()
                    .getJsonArray("activations").forEach(a -> withActivations.add(
                            ((io.vertx.core.json.JsonObject) a).getString("layer")));
            assertTrue(withActivations.contains(SCRIPT), "activation health of " + SCRIPT + " is reported");
            for (String chart : List.of("chart-rms", "chart-ratio", "chart-depth", "chart-activations")) {
                wait.until(d -> !attr(chart, "data-layers").isEmpty());
                String plotted = attr(chart, "data-layers");
                for (String layer : chart.equals("chart-activations") ? withActivations : LAYERS) {
                    assertTrue(plotted.contains(jsonString(layer)), chart + " lacks " + layer + ": " + plotted);
                }
            }
            List<String> legend = legend("chart-rms");
            for (String layer : LAYERS) {
                assertTrue(legend.contains(layer + "/W"), "legend lacks " + layer + "/W: " + legend);
            }
            wait.until(d -> !legend("chart-ratio").isEmpty());
            assertTrue(legend("chart-ratio").contains(SCRIPT + "/W"));

            wait.until(d -> Long.parseLong(attr("latest-iteration", "data-iteration")) > first + 2);
            assertEquals("marker", js("return window.__noReload;"), "the page updated without a reload");

            List<String> cells = new ArrayList<>();
            for (WebElement td : driver.findElements(By.cssSelector("#latest-table td"))) {
                cells.add(td.getText());
            }
            assertTrue(cells.contains(SCRIPT), "the hostile name is shown as text: " + cells);
            assertEquals(0L, js("return document.querySelectorAll('#sessions script, #latest-table script, "
                    + "#heatmap-layer script, #verdicts script').length;"));
            assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
            wait.until(d -> !attr("chart-heatmap", "data-layers").isEmpty());
            wait.until(d -> legend("chart-loss").contains("validation/accuracy"));
            File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.FILE);
            Files.copy(shot.toPath(), new File("target/gradients-page.png").toPath(),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            // A second run appears in the selector; ticking it overlays both runs in the charts.
            ServerTest.publish(GradWatchUi.sink(GradWatchUi.memoryStorage()), "second-run", 4);
            wait.until(d -> d.findElements(By.cssSelector("#sessions input")).size() == 2);
            for (WebElement box : driver.findElements(By.cssSelector("#sessions input"))) {
                if (!box.isSelected()) {
                    box.click();
                }
            }
            wait.until(d -> legend("chart-rms").contains("second-run · layer0/W"));
            List<String> overlaid = legend("chart-rms");
            assertTrue(overlaid.contains("browser-run · " + SCRIPT + "/W"), "both runs overlaid: " + overlaid);
            assertTrue(overlaid.contains("second-run · layer6/W"), "both runs overlaid: " + overlaid);
            assertEquals("marker", js("return window.__noReload;"));
        } finally {
            stop.set(true);
            training.join(30_000);
        }
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        assertEquals(List.of(), errors, "browser console errors");
        // The log channel itself works: an error logged now is read back.
        js("console.error('gradwatch-selftest');");
        assertTrue(driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .anyMatch(e -> e.getMessage().contains("gradwatch-selftest")), "browser logs are readable");
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

    @SuppressWarnings("unchecked")
    private static List<String> legend(String id) {
        Object r = js("var c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                .replace("arguments[0]", "'" + id + "'")
                + "if (!c) { return []; } var o = c.getOption(); return (o.legend && o.legend[0].data) || [];");
        return r instanceof List<?> l ? (List<String>) l : List.of();
    }

    private static String jsonString(String s) {
        return new io.vertx.core.json.JsonArray().add(s).encode().replaceAll("^\\[|\\]$", "");
    }
}
