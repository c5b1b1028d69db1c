package io.gradwatch.offline;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code java -jar report/target/gradwatch-report.jar report|export ...}: reads the TensorBoard event
 * files under a log directory and writes one self-contained HTML report, or the series as CSV or JSON lines.
 */
@Command(name = "gradwatch-report", mixinStandardHelpOptions = true,
        description = "Reads the TensorBoard event files gradwatch writes (any machine, Spark included) without a server.",
        subcommands = {ReportMain.Report.class, ReportMain.ExportCommand.class})
public final class ReportMain {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit code (0 done, 1 bad input, 2 usage). */
    static int run(String... args) {
        CommandLine cl = new CommandLine(new ReportMain());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IOException) {
                line.getErr().println("gradwatch-report: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cl.execute(args);
    }

    static void warnProblems(RunData run) {
        for (String p : run.problems()) {
            System.err.println("gradwatch-report: run " + run.name() + ": " + p);
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Writes one self-contained HTML file (no network access) with every run found under LOGDIR.")
    static final class Report implements Callable<Integer> {
        @Parameters(paramLabel = "LOGDIR", description = "directory searched recursively for events.out.tfevents.* files")
        Path logDir;

        @Option(names = {"-o", "--output"}, defaultValue = "report.html", description = "HTML file to write (default: ${DEFAULT-VALUE})")
        Path output;

        @Option(names = "--title", description = "title of the report (default: the log directory's name)")
        String title;

        @Option(names = "--simple-view", description = "draw with the report's own simpler view instead of the Gradients page's")
        boolean ownView;

        @Override
        public Integer call() throws IOException {
            List<RunFinder.RunFiles> runs = RunFinder.find(logDir);
            String name = title != null ? title : logDir.toAbsolutePath().normalize().getFileName() + "";
            String html = HtmlReport.render(name, runs, !ownView);
            Files.writeString(output, html, StandardCharsets.UTF_8);
            System.out.println("gradwatch-report: " + runs.size() + " run(s) from " + logDir + " written to " + output
                    + " (" + html.length() / 1024 + " KiB, opens offline in any browser)");
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes every scalar series, one row per (run, iteration, series key); schema in docs/report.md.")
    static final class ExportCommand implements Callable<Integer> {
        @Parameters(paramLabel = "LOGDIR", description = "directory searched recursively for events.out.tfevents.* files")
        Path logDir;

        @Option(names = "--format", defaultValue = "csv", description = "csv or jsonl (default: ${DEFAULT-VALUE})")
        Export.Format format;

        @Option(names = {"-o", "--output"}, required = true, description = "file to write ('-' for standard output)")
        String output;

        @Override
        public Integer call() throws IOException {
            List<RunFinder.RunFiles> runs = RunFinder.find(logDir);
            long rows;
            if (output.equals("-")) {
                Writer w = new BufferedWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                rows = Export.write(runs, format, w);
                w.flush();
            } else {
                try (Writer w = Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8)) {
                    rows = Export.write(runs, format, w);
                }
                System.out.println("gradwatch-report: " + rows + " rows from " + runs.size() + " run(s) written to " + output);
            }
            return 0;
        }
    }
}
