package io.gradwatch.example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VanishingGradientExampleTest {

    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        CommandLine cmd = VanishingGradientExample.commandLine(
                new Console(new PrintStream(new ByteArrayOutputStream()), false));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return cmd;
    }

    private VanishingGradientExample parse(String... args) {
        CommandLine cmd = commandLine();
        cmd.parseArgs(args);
        return cmd.getCommand();
    }

    @Test
    void defaults_runAllFourSettingsWithTheReferenceTraining() {
        VanishingGradientExample example = parse();

        assertEquals(List.of("uniform_sigmoid", "uniform_relu", "xavier_sigmoid", "xavier_relu"),
                example.settings().stream().map(Setting::name).toList());
        Experiment.Config config = example.config();
        assertEquals(1, config.epochs());
        assertEquals(128, config.batch());
        assertEquals(0.1, config.learningRate());
        assertEquals(Optimizer.NESTEROVS, config.optimizer());
        assertEquals(Path.of("runs"), config.logDir());
        assertEquals(9000, config.uiPort());
        assertEquals(MnistFiles.defaultDirectory(), config.dataDir());
    }

    @Test
    void init_selectsBothActivationsOfThatInit() {
        assertEquals(List.of("xavier_sigmoid", "xavier_relu"),
                parse("--init", "xavier").settings().stream().map(Setting::name).toList());
    }

    @Test
    void initAndAct_selectOneSetting_caseInsensitive() {
        assertEquals(List.of("uniform_relu"),
                parse("--init", "UNIFORM", "--act=relu").settings().stream().map(Setting::name).toList());
    }

    @Test
    void noUiAndNoTensorBoard_leaveThoseSinksOut() {
        Experiment.Config config = parse("--no-ui", "--no-tensorboard", "--optimizer", "sgd").config();

        assertNull(config.uiPort());
        assertNull(config.logDir());
        assertEquals(Optimizer.SGD, config.optimizer());
    }

    @Test
    void model_defaultsToMultiLayerNetwork_andSelectsSameDiff() {
        assertEquals(ModelKind.MULTILAYERNETWORK, parse().config().model());
        assertEquals(ModelKind.SAMEDIFF, parse("--model", "SameDiff").config().model());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--init      | foo  | Invalid value for option '--init': expected one of [UNIFORM, XAVIER] (case-insensitive) but was 'foo'",
            "--act       | tanh | Invalid value for option '--act': expected one of [SIGMOID, RELU] (case-insensitive) but was 'tanh'",
            "--optimizer | adam | Invalid value for option '--optimizer': expected one of [NESTEROVS, SGD] (case-insensitive) but was 'adam'",
            "--model     | graph | Invalid value for option '--model': expected one of [MULTILAYERNETWORK, SAMEDIFF] (case-insensitive) but was 'graph'"})
    void enumOption_unknownValue_isAClearErrorListingTheChoices(String option, String value, String message) {
        int code = commandLine().execute(option, value);

        assertEquals(2, code);
        assertTrue(err.toString().contains(message), err.toString());
    }

    @Test
    void logEvery_notAMultipleOfReportEvery_isAClearError() {
        int code = commandLine().execute("--log-every", "15", "--no-ui");

        assertEquals(2, code);
        assertTrue(err.toString().contains("--log-every (15) must be a multiple of --report-every (10)"), err.toString());
    }

    @Test
    void epochs_zero_isAClearError() {
        int code = commandLine().execute("--epochs", "0", "--no-ui");

        assertEquals(2, code);
        assertTrue(err.toString().contains("--epochs must be at least 1, got 0"), err.toString());
    }
}
