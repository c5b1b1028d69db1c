package io.gradwatch.tensorboard;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child JVM of {@link TensorBoardServerTest}: trains a small network with {@code tensorBoard(dir)},
 * publishes a validation accuracy and flushes after {@code args[1]} iterations, prints {@code flushed <last iteration>}, then keeps
 * training (and writing) until it is killed.
 */
public final class KilledTrainingMain {

    private KilledTrainingMain() {
    }

    public static void main(String[] args) {
        AtomicLong last = new AtomicLong(-1);
        // the same hparams keys as the test's other runs: TensorBoard takes the HParams columns from one run
        GradWatchListener listener = GradWatch.builder().every(1).tensorBoard(Path.of(args[0]))
                .hparams(Map.of("trial", "killed", "seed", 11)).hparamsMetrics("validation/accuracy").onReport(r -> last.set(r.iteration())).build();
        MultiLayerNetwork net = TestNetworks.mlp(11);
        net.addListeners(listener);
        DataSet data = TestNetworks.data(11, 32, 12, 3);
        int before = Integer.parseInt(args[1]);
        for (int i = 0; i < before; i++) {
            net.fit(data);
        }
        listener.metric("validation/accuracy", 0.375, net.getIterationCount() - 1, 0);
        listener.flush();
        System.out.println("flushed " + last.get());
        System.out.flush();
        while (true) {
            net.fit(data);
        }
    }
}
