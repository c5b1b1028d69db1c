package io.gradwatch.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real TensorBoard server (a child process) on a log directory, and its HTTP data API: what
 * TensorBoard's own pages read. The executable is the one {@code scripts/test.sh} installs into
 * {@code .venv-tensorboard/} at the repository root, or {@code -Dgradwatch.tensorboard=PATH}, or
 * {@code tensorboard} on the PATH. Without one, tests are skipped, except under {@code CI=true},
 * where they fail.
 */
public final class TensorBoardServer implements AutoCloseable {

    /** The version the tests are written against (scripts/test.sh installs it). */
    public static final String TESTED_VERSION = "2.21.0";

    private static final Pattern SERVING = Pattern.compile("TensorBoard (\\S+) at http://127\\.0\\.0\\.1:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String base;
    private final String version;
    private final List<String> output;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TensorBoardServer(Process process, String base, String version, List<String> output) {
        this.process = process;
        this.base = base;
        this.version = version;
        this.output = output;
    }

    /**
     * The TensorBoard executable, skipping the calling test (failing it under CI=true) when there is none.
     * Call it per test (in a {@code @BeforeEach}): an assumption in {@code @BeforeAll} reports zero tests, not skipped ones.
     */
    public static Path requireExecutable() {
        Optional<Path> exe = findExecutable();
        String hint = "TensorBoard " + TESTED_VERSION + " is not installed: run scripts/test.sh once (it installs it into "
                + ".venv-tensorboard/), or pass -Dgradwatch.tensorboard=/path/to/tensorboard";
        if (exe.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(hint);
        }
        Assumptions.assumeTrue(exe.isPresent(), hint);
        return exe.get();
    }

    /** The TensorBoard executable, if there is one (see the class comment for where it is looked for). */
    public static Optional<Path> findExecutable() {
        String configured = System.getProperty("gradwatch.tensorboard");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path venv = dir.resolve(".venv-tensorboard/bin/tensorboard");
            if (Files.isExecutable(venv)) {
                return Optional.of(venv);
            }
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
            Path exe = Path.of(dir, "tensorboard");
            if (Files.isExecutable(exe)) {
                return Optional.of(exe);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts TensorBoard on {@code logDir} on a free port of 127.0.0.1 with the Rust data server
     * ({@code loadFast}) or the Python loader, and waits (at most 60 s) until it serves.
     */
    public static TensorBoardServer start(Path executable, Path logDir, boolean loadFast) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(executable.toString(), "--logdir", logDir.toString(), "--port", "0",
                "--host", "127.0.0.1", "--load_fast=" + loadFast, "--reload_interval", "1")
                .redirectErrorStream(true);
        pb.environment().put("PYTHONUNBUFFERED", "1");
        Process p = pb.start();
        List<String> output = new ArrayList<>();
        CompletableFuture<Matcher> serving = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        serving.complete(m);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            serving.completeExceptionally(new IllegalStateException("TensorBoard exited before serving"));
        }, "tensorboard-output");
        reader.setDaemon(true);
        reader.start();
        try {
            Matcher m = serving.get(60, TimeUnit.SECONDS);
            return new TensorBoardServer(p, "http://127.0.0.1:" + m.group(2), m.group(1), output);
        } catch (Exception e) {
            p.destroyForcibly();
            synchronized (output) {
                throw new IllegalStateException("TensorBoard did not serve within 60 s: " + e + "\n"
                        + String.join("\n", output), e);
            }
        }
    }

    /** The version TensorBoard printed when it started serving. */
    public String version() {
        return version;
    }

    /** GET {@code path} (with {@code query} parameters as name, value pairs), parsed as JSON. */
    public JsonNode get(String path, String... query) {
        return send(HttpRequest.newBuilder(uri(path, query)).GET());
    }

    /** POST {@code body} as JSON to {@code path}, the response parsed as JSON. */
    public JsonNode post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Polls GET {@code path} until {@code ready} holds (TensorBoard loads files in the background),
     * at most {@code timeout}; returns the last response. A 4xx answer counts as not ready yet.
     */
    public JsonNode await(Duration timeout, Predicate<JsonNode> ready, String path, String... query) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing";
        while (true) {
            try {
                JsonNode n = get(path, query);
                if (ready.test(n)) {
                    return n;
                }
                last = n.toString();
            } catch (IllegalStateException notYet) {
                last = notYet.getMessage();
            }
            if (System.nanoTime() > deadline) {
                Assertions.fail("TensorBoard's " + path + " " + String.join(",", query) + " was not ready within "
                        + timeout + "; last answer: " + abbreviate(last) + "\n" + log());
            }
            try {
                Thread.sleep(200); // polling a child process: there is no event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + " for " + r.uri() + ": "
                        + abbreviate(r.body()));
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path, String... query) {
        StringBuilder s = new StringBuilder(base).append(path);
        for (int i = 0; i + 1 < query.length; i += 2) {
            s.append(i == 0 ? '?' : '&').append(query[i]).append('=')
                    .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
        }
        return URI.create(s.toString());
    }

    /** What TensorBoard printed so far (for failure messages). */
    public String log() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
