package io.gradwatch.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fresh Maven project as a new user writes it from the README: deeplearning4j-core, the README's dependency
 * block and a small training program holding the README's line, built against the artifacts in the local
 * Maven repository, run with {@code java -cp} and with {@code mvn -q exec:java}.
 */
final class UserProject {

    static final String MAIN_CLASS = "demo.TrainWithGradwatch";
    static final String MAIN_RETURNS = "main returns at ";

    /** One run of the program: exit code, everything printed, and the wall-clock time the process ended. */
    record Run(int exitCode, String output, long endedMillis) {
        /** Milliseconds from main's return (as it printed it) to the end of the process, or -1. */
        long millisAfterMain() {
            int at = output.indexOf(MAIN_RETURNS);
            if (at < 0) {
                return -1;
            }
            String digits = output.substring(at + MAIN_RETURNS.length()).split("\\s")[0];
            return endedMillis - Long.parseLong(digits);
        }
    }

    private final Path dir;
    private final MavenSettings maven;

    UserProject(Path dir, MavenSettings maven) {
        this.dir = dir;
        this.maven = maven;
    }

    Path dir() {
        return dir;
    }

    void write(ReadmeSnippets readme) throws IOException {
        Path sources = dir.resolve("src/main/java/demo");
        Files.createDirectories(sources);
        Files.writeString(dir.resolve("pom.xml"), pom(readme.dependencies()));
        Files.writeString(sources.resolve("TrainWithGradwatch.java"), program(readme.multiLayerNetworkLine()));
    }

    /** Compiles and writes the runtime classpath to cp.txt, as the README says. */
    Run build() throws Exception {
        return run(maven.mvn("compile", "dependency:build-classpath", "-Dmdep.outputFile=cp.txt"), 600);
    }

    Run javaCp() throws Exception {
        String cp = "target/classes" + java.io.File.pathSeparator + Files.readString(dir.resolve("cp.txt")).trim();
        return run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.deeplearning4j.ui.port=0", "-cp", cp, MAIN_CLASS), 300);
    }

    Run execJava() throws Exception {
        return run(maven.mvn("exec:java", "-Dorg.deeplearning4j.ui.port=0"), 300);
    }

    private Run run(List<String> command, long timeoutSeconds) throws Exception {
        Path log = Files.createTempFile(dir, "run-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            return new Run(-1, "(killed after " + timeoutSeconds + " s: it did not end)\n"
                    + Files.readString(log, StandardCharsets.UTF_8), System.currentTimeMillis());
        }
        long ended = System.currentTimeMillis();
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), ended);
    }

    private String pom(String readmeDependencies) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>demo</groupId>
                  <artifactId>readme-user-project</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>org.deeplearning4j</groupId>
                      <artifactId>deeplearning4j-core</artifactId>
                      <version>1.0.0-M2.1</version>
                    </dependency>
                %s
                  </dependencies>
                  <build>
                    <plugins>
                %s
                      <plugin>
                        <groupId>org.codehaus.mojo</groupId>
                        <artifactId>exec-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration><mainClass>%s</mainClass></configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(readmeDependencies, maven.pinnedPlugins(), maven.execPluginVersion(), MAIN_CLASS);
    }

    private static String program(String readmeLine) {
        List<String> lines = new ArrayList<>(List.of(
                "package demo;",
                "",
                "import io.gradwatch.GradWatch;",
                "import org.deeplearning4j.nn.conf.NeuralNetConfiguration;",
                "import org.deeplearning4j.nn.conf.layers.DenseLayer;",
                "import org.deeplearning4j.nn.conf.layers.OutputLayer;",
                "import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;",
                "import org.nd4j.linalg.activations.Activation;",
                "import org.nd4j.linalg.api.ndarray.INDArray;",
                "import org.nd4j.linalg.dataset.DataSet;",
                "import org.nd4j.linalg.factory.Nd4j;",
                "import org.nd4j.linalg.learning.config.Adam;",
                "import org.nd4j.linalg.lossfunctions.LossFunctions;",
                "",
                "/** Three classes told apart by which of the first three features is largest. */",
                "public class TrainWithGradwatch {",
                "    public static void main(String[] args) {",
                "        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)",
                "                .updater(new Adam(0.01)).list()",
                "                .layer(new DenseLayer.Builder().nIn(6).nOut(16).activation(Activation.RELU).build())",
                "                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)",
                "                        .activation(Activation.SOFTMAX).build())",
                "                .build());",
                "        net.init();",
                "        " + readmeLine,
                "        Nd4j.getRandom().setSeed(7);",
                "        INDArray x = Nd4j.rand(128, 6);",
                "        INDArray y = Nd4j.zeros(128, 3);",
                "        for (int i = 0; i < 128; i++) {",
                "            y.putScalar(i, x.getRow(i).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)).argMax().getInt(0), 1.0);",
                "        }",
                "        DataSet data = new DataSet(x, y);",
                "        double first = net.score(data);",
                "        for (int i = 0; i < 60; i++) {",
                "            net.fit(data);",
                "        }",
                "        System.out.println(\"trained 60 iterations, loss \" + first + \" -> \" + net.score(data));",
                "        System.out.println(\"" + MAIN_RETURNS + "\" + System.currentTimeMillis());",
                "    }",
                "}"));
        return String.join("\n", lines) + "\n";
    }
}
