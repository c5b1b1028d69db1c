package io.gradwatch.spark;

import io.gradwatch.report.StepReport;
import io.gradwatch.sink.ReportSink;
import org.deeplearning4j.spark.impl.listeners.VanillaStatsStorageRouter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.gradwatch.GradWatch;
import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SharedTrainingMaster path without Spark: an executor's copy of the router posts to the driver's receiver. */
@ExpectedErrorOutput("the rejection of the malformed record a test sends")
class ReportReceiverTest {

    @Test
    void whenAnExecutorsRouterCopyPosts_thenTheDriverPublishesTheReports() throws Exception {
        List<StepReport> published = new CopyOnWriteArrayList<>();
        ReportSink sink = published::add;
        DriverReports reports = new DriverReports(List.of(sink), io.gradwatch.diagnosis.Diagnosers::standard);
        try (ReportReceiver receiver = ReportReceiver.start("127.0.0.1", reports)) {
            DriverRouter executorCopy = roundTrip(new DriverRouter(receiver.endpoint(), reports));
            // measure a few iterations into a buffer, then replay them through the copy, as an executor would
            VanillaStatsStorageRouter buffer = new VanillaStatsStorageRouter();
            WorkerSettings settings = WorkerSettings.of(GradWatch.builder().every(1).sessionId("receiver-test")
                    .noDiagnosis().parts());
            ExecutorListener listener = new ExecutorListener(settings);
            listener.setStorageRouter(buffer);
            MultiLayerNetwork net = TestNetworks.mlp(1);
            net.setListeners(listener);
            TestNetworks.data(2, 24, 12, 3).batchBy(8).forEach(net::fit);
            ExecutorMonitors.close("receiver-test");
            executorCopy.putStaticInfo(buffer.getStaticInfo());
            executorCopy.putUpdate(buffer.getUpdates());
            assertEquals(List.of(0L, 1L, 2L), published.stream().map(StepReport::iteration).toList());
            assertEquals(java.util.Map.of("0", 3L), reports.reportsPerWorker());
        }
    }

    @Test
    void whenTheBodyIsNotARecord_thenTheReceiverAnswers400() throws Exception {
        DriverReports reports = new DriverReports(List.of(), io.gradwatch.diagnosis.Diagnoser::disabled);
        try (ReportReceiver receiver = ReportReceiver.start("127.0.0.1", reports)) {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(receiver.endpoint())
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{1, 2, 3}))
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(400, response.statusCode());
            assertEquals(java.util.Map.of(), reports.reportsPerWorker());
        }
    }

    private static DriverRouter roundTrip(DriverRouter router) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(router);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (DriverRouter) in.readObject();
        }
    }
}
