package io.gradwatch.spark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The driver's HTTP endpoint for records posted by executors (SharedTrainingMaster). Listens on a free
 * port on all interfaces (executors on other machines must reach it); one handler thread, so records
 * reach {@link DriverReports} in the order they arrive.
 */
final class ReportReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");
    static final String PATH = "/gradwatch/spark/records";
    private static final int MAX_RECORD_BYTES = 256 << 20;

    private final HttpServer server;
    private final ExecutorService handler;
    private final URI endpoint;

    private ReportReceiver(HttpServer server, ExecutorService handler, URI endpoint) {
        this.server = server;
        this.handler = handler;
        this.endpoint = endpoint;
    }

    /** Starts receiving; {@code driverHost} is the address executors use for the driver. */
    static ReportReceiver start(String driverHost, DriverReports reports) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("gradwatch: cannot open the driver's report port", e);
        }
        ExecutorService handler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gradwatch-spark-receiver");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(handler);
        server.createContext(PATH, exchange -> receive(exchange, reports));
        server.start();
        URI endpoint = URI.create("http://" + driverHost + ":" + server.getAddress().getPort() + PATH);
        return new ReportReceiver(server, handler, endpoint);
    }

    URI endpoint() {
        return endpoint;
    }

    private static void receive(HttpExchange exchange, DriverReports reports) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.readNBytes(MAX_RECORD_BYTES);
            ReportRecord record = new ReportRecord();
            try {
                record.decode(bytes);
            } catch (RuntimeException e) {
                // bad input from the network, not a fault of this code: one line, without a stack trace
                LOG.warn("gradwatch: rejected a malformed report record from {}: {}{}", exchange.getRemoteAddress(), e,
                        e.getCause() == null ? "" : " (" + e.getCause() + ")");
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            reports.accept(record);
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handler.shutdownNow();
    }
}
