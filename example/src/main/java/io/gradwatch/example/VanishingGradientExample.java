package io.gradwatch.example;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The vanishing-gradient experiment on MNIST with gradwatch attached: the deep MLP of
 * {@link ReferenceMlp} in each chosen setting (default: all four), a progress bar per epoch, the
 * first layer's gradient RMS every N batches, validation accuracy per epoch, a table at the end,
 * TensorBoard runs under --logdir and every session in DL4J's UI.
 */
@Command(name = "vanishing-gradient", mixinStandardHelpOptions = true, sortOptions = false,
        version = "gradwatch example 0.1.0",
        description = {
                "Trains the deep MLP 784-512-256-128-64-32-16-10 on MNIST in each setting (init x activation) "
                        + "with gradwatch attached, and shows the vanishing gradient of the first layer.",
                "Gradients are gradients of the mean loss over the minibatch, before the updater."})
public final class VanishingGradientExample implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--init", paramLabel = "uniform|xavier",
            description = "Weight initialisation: uniform = U(-0.1, 0.1), xavier = U(+-sqrt(2.34/fan_in)). Default: both.")
    Init init;

    @Option(names = "--act", paramLabel = "sigmoid|relu",
            description = "Activation of every hidden layer. Default: both.")
    Act act;

    @Option(names = "--model", paramLabel = "multilayernetwork|samediff", defaultValue = "multilayernetwork",
            description = "Build the network as a DL4J MultiLayerNetwork or as a SameDiff graph; gradwatch attaches "
                    + "with the same line and prints the same table (default: ${DEFAULT-VALUE}).")
    ModelKind model;

    @Option(names = "--epochs", defaultValue = "1", description = "Epochs per setting (default: ${DEFAULT-VALUE}; "
            + "the tutorial's full experiment is 10).")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--optimizer", paramLabel = "nesterovs|sgd", defaultValue = "nesterovs",
            description = "nesterovs = SGD with Nesterov momentum 0.9 and L2 weight decay 1e-5 (the reference); "
                    + "sgd = plain SGD (default: ${DEFAULT-VALUE}).")
    Optimizer optimizer;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--logdir", defaultValue = "runs",
            description = "TensorBoard runs go to <logdir>/<setting>, the final table to <logdir>/summary.txt "
                    + "(default: ${DEFAULT-VALUE}).")
    Path logDir;

    @Option(names = "--no-tensorboard", description = "Do not write TensorBoard event files.")
    boolean noTensorBoard;

    @Option(names = "--ui-port", defaultValue = "9000", description = "Port of DL4J's training UI (default: ${DEFAULT-VALUE}).")
    int uiPort;

    @Option(names = "--no-ui", description = "Do not start DL4J's training UI.")
    boolean noUi;

    @Option(names = "--exit", description = "Exit when training is done instead of serving the UI until Ctrl-C.")
    boolean exit;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the four MNIST files are, or are fetched to (default: DL4J's resources directory, ${DEFAULT-VALUE}).")
    Path dataDir = MnistFiles.defaultDirectory();

    @Option(names = "--fetch-only", description = "Only make sure the MNIST files are in --data-dir (fetch and check them), then exit.")
    boolean fetchOnly;

    @Option(names = "--log-every", paramLabel = "N", defaultValue = "50",
            description = "Print the first layer's gradient RMS every N batches, 0 = never (default: ${DEFAULT-VALUE}).")
    int logEvery;

    @Option(names = "--report-every", paramLabel = "N", defaultValue = "10",
            description = "gradwatch measures every N batches (default: ${DEFAULT-VALUE}); --log-every must be a multiple of it.")
    int reportEvery;

    @Option(names = "--limit-batches", paramLabel = "N", defaultValue = "0",
            description = "Train at most N batches per epoch, for a quick look (default: 0 = the whole epoch).")
    int limitBatches;

    @Option(names = "--corrupt-batch", paramLabel = "N", defaultValue = "-1",
            description = "Multiply the pixels of training batch N (0-based, first epoch) by 1e4 and switch on "
                    + "gradwatch's recover(), to see a batch skipped in the log and in TensorBoard (recovery/skipped, "
                    + "text gradwatch/recovery). MultiLayerNetwork only, without --spark (default: none).")
    int corruptBatch;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Train on Spark with this master URL, e.g. local[2] (needs gradwatch-spark: "
                    + "./run-example.sh --spark local[2]). Same table and runs; TensorBoard gets one run per worker.")
    String sparkMaster;

    @Option(names = "--spark-training", paramLabel = "paramavg|shared", defaultValue = "paramavg",
            description = "With --spark: ParameterAveragingTrainingMaster (paramavg) or SharedTrainingMaster "
                    + "(shared) (default: ${DEFAULT-VALUE}).")
    String sparkTraining;

    private final Console console;

    VanishingGradientExample(Console console) {
        this.console = console;
    }

    public static void main(String[] args) {
        System.exit(commandLine(Console.system()).execute(args));
    }

    /** The command line with the example's error handling; enum options take their labels in any case. */
    static CommandLine commandLine(Console console) {
        CommandLine cmd = new CommandLine(new VanishingGradientExample(console));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return 1;
        });
        return cmd;
    }

    /** The settings this invocation runs, in order. */
    List<Setting> settings() {
        return Setting.select(init, act);
    }

    Experiment.Config config() {
        return new Experiment.Config(epochs, batch, learningRate, optimizer, seed, reportEvery, logEvery, limitBatches,
                dataDir, noTensorBoard ? null : logDir, noUi ? null : uiPort, model);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        validate();
        MnistFiles.ensure(dataDir);
        if (fetchOnly) {
            console.line("MNIST files ready in " + dataDir.toAbsolutePath());
            return 0;
        }
        String port = uiPort == 0 ? "<port logged above>" : String.valueOf(uiPort);
        if (!noUi) {
            console.line("Watch it in DL4J's training UI: http://localhost:" + port + "/gradients");
        }
        List<SettingResult> results = new ArrayList<>();
        SettingRunner experiment = sparkMaster == null ? new Experiment(config(), console, corruptBatch)
                : SparkRunner.create(sparkMaster, sparkTraining, config(), console);
        for (Setting setting : settings()) {
            console.line("== " + setting.name() + ": init " + setting.init().label() + ", hidden activation "
                    + setting.act().label() + ", " + optimizer.label() + " lr " + learningRate + ", batch " + batch
                    + (model == ModelKind.SAMEDIFF ? ", SameDiff" : ""));
            results.add(experiment.run(setting));
        }
        String table = ResultTable.format(results);
        console.line("");
        console.line(table);
        Files.createDirectories(logDir);
        Files.writeString(logDir.resolve("summary.txt"), table);
        console.line("Table written to " + logDir.resolve("summary.txt")
                + (noTensorBoard ? "" : "; TensorBoard: tensorboard --logdir " + logDir));
        if (noUi || exit) {
            experiment.close();
            return 0;
        }
        experiment.flush();
        console.line("DL4J's training UI: http://localhost:" + port + "/gradients  (sessions "
                + String.join(", ", settings().stream().map(Setting::name).toList()) + "). Ctrl-C to stop.");
        new CountDownLatch(1).await();
        return 0;
    }

    private void validate() {
        check(epochs >= 1, "--epochs must be at least 1, got " + epochs);
        check(batch >= 1, "--batch must be at least 1, got " + batch);
        check(learningRate > 0 && !Double.isInfinite(learningRate), "--lr must be a positive number, got " + learningRate);
        check(uiPort >= 0 && uiPort <= 65535, "--ui-port must be 0 (any free port) or 1..65535, got " + uiPort);
        check(reportEvery >= 1, "--report-every must be at least 1, got " + reportEvery);
        check(logEvery >= 0, "--log-every must be 0 (never) or positive, got " + logEvery);
        check(logEvery % reportEvery == 0, "--log-every (" + logEvery + ") must be a multiple of --report-every ("
                + reportEvery + "): gradwatch measures only every " + reportEvery + " batches");
        check(sparkTraining.equals("paramavg") || sparkTraining.equals("shared"),
                "--spark-training must be paramavg or shared, got " + sparkTraining);
        check(limitBatches >= 0, "--limit-batches must be 0 (whole epochs) or positive, got " + limitBatches);
        check(corruptBatch >= -1, "--corrupt-batch must be a batch number (0 or more), got " + corruptBatch);
        check(corruptBatch < 0 || (sparkMaster == null && model == ModelKind.MULTILAYERNETWORK),
                "--corrupt-batch works with --model multilayernetwork and without --spark: recover() protects "
                        + "MultiLayerNetwork and ComputationGraph trained with fit");
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
