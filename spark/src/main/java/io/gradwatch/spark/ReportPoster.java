package io.gradwatch.spark;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts records from an executor to the driver, one request each, synchronously and with bounded
 * timeouts. A failed post is logged once and counted; it never reaches training. One poster (one HTTP
 * client) per driver endpoint and executor JVM.
 */
final class ReportPoster {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Map<URI, ReportPoster> POSTERS = new ConcurrentHashMap<>();

    private final URI endpoint;
    private final HttpClient client;
    private final AtomicLong failures = new AtomicLong();

    private ReportPoster(URI endpoint) {
        this.endpoint = endpoint;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    static ReportPoster to(URI endpoint) {
        return POSTERS.computeIfAbsent(endpoint, ReportPoster::new);
    }

    void post(ReportRecord record) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(record.encode())).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                fail("the driver answered HTTP " + response.statusCode(), null);
            }
        } catch (IOException e) {
            fail(e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted", e);
        }
    }

    private void fail(String why, Exception e) {
        if (failures.getAndIncrement() == 0) {
            LOG.warn("gradwatch: could not send a report to the driver at {} ({}); training goes on, "
                    + "further failures are only counted. Check that executors can reach the driver's host "
                    + "(spark.driver.host) on this port.", endpoint, why, e);
        }
    }

    long failures() {
        return failures.get();
    }
}
