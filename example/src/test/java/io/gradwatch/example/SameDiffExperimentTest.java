package io.gradwatch.example;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --model samediff}: 30 minibatches of the real MNIST per setting, the same table as for DL4J. */
class SameDiffExperimentTest {

    @Test
    void sameDiffModel_trainsWithGradwatchAndPrintsTheSameTable() throws IOException {
        Path data = MnistFiles.ensure(MnistFiles.defaultDirectory());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        Experiment.Config config = new Experiment.Config(1, 128, 0.1, Optimizer.NESTEROVS, ReferenceMlp.DEFAULT_SEED,
                10, 10, 30, data, null, null, ModelKind.SAMEDIFF);
        SettingResult sigmoid;
        SettingResult relu;
        try (Experiment experiment = new Experiment(config, console)) {
            sigmoid = experiment.run(new Setting(Init.UNIFORM, Act.SIGMOID));
            relu = experiment.run(new Setting(Init.UNIFORM, Act.RELU));
        }
        String table = ResultTable.format(List.of(sigmoid, relu));
        System.out.println(table);
        assertEquals(30, relu.batches());
        assertEquals(3, relu.gradients().reports(), "a report every 10 of 30 iterations");
        assertTrue(sigmoid.gradients().medianRms() * 100 <= relu.gradients().medianRms(),
                "sigmoid " + sigmoid.gradients().medianRms() + ", relu " + relu.gradients().medianRms());
        assertTrue(table.contains("uniform_sigmoid") && table.contains("uniform_relu"), table);
        String log = out.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("Batch: 20 layer0/W gradient rms"), log);
        assertTrue(relu.finalAccuracy() >= 0 && relu.finalAccuracy() <= 1);
    }
}
