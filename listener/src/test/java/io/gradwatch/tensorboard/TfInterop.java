package io.gradwatch.tensorboard;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs {@link TfReadMain} in a child JVM: the test classpath with ND4J's JavaCPP swapped for the one
 * TF Java 1.1.0 needs (copied into target/ by the build, see listener/pom.xml).
 */
final class TfInterop {

    /** What TensorFlow's reader returned for one file: its records, or the error it raised. */
    record Outcome(Path file, List<byte[]> records, String error) {
    }

    private TfInterop() {
    }

    static List<Outcome> read(List<Path> files, Path workDir) throws IOException, InterruptedException {
        Path out = Files.createDirectories(workDir.resolve("tf-reader-out"));
        List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-cp", childClasspath(),
                TfReadMain.class.getName(), out.toString()));
        files.forEach(f -> cmd.add(f.toAbsolutePath().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
                .redirectError(workDir.resolve("tf-reader.stderr").toFile()).start();
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            lines = r.lines().collect(Collectors.toList());
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("TensorFlow reader did not finish in 120 s");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int k = 0; k < files.size(); k++) {
            int i = k;
            String prefixOk = "ok " + i + " ";
            String prefixErr = "error " + i + " ";
            String line = lines.stream().filter(l -> l.startsWith(prefixOk) || l.startsWith(prefixErr)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("TensorFlow reader gave no result for file " + i
                            + "; exit " + p.exitValue() + ", stdout " + lines + ", stderr "
                            + tail(workDir.resolve("tf-reader.stderr"))));
            if (line.startsWith(prefixErr)) {
                outcomes.add(new Outcome(files.get(i), List.of(), line.substring(prefixErr.length())));
            } else {
                outcomes.add(new Outcome(files.get(i), readRecords(out.resolve(i + ".records")), null));
            }
        }
        return outcomes;
    }

    private static List<byte[]> readRecords(Path file) throws IOException {
        List<byte[]> records = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            while (true) {
                int n;
                try {
                    n = in.readInt();
                } catch (EOFException end) {
                    return records;
                }
                byte[] b = new byte[n];
                in.readFully(b);
                records.add(b);
            }
        }
    }

    private static String tail(Path file) {
        try {
            String s = Files.readString(file);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test classpath as surefire reports it (not its manifest-only booter jar). */
    static List<String> testClasspath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isBlank()).toList();
    }

    private static String childClasspath() throws IOException {
        String dir = System.getProperty("gradwatch.tensorflowJavacppDir", "target/tensorflow-javacpp");
        Path javacpp;
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            javacpp = s.filter(p -> p.getFileName().toString().startsWith("javacpp-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no javacpp jar in " + dir));
        }
        List<String> cp = new ArrayList<>();
        cp.add(javacpp.toString());
        for (String entry : testClasspath()) {
            String name = Path.of(entry).getFileName().toString();
            if (!name.startsWith("javacpp-") && !name.startsWith("nd4j") && !name.startsWith("openblas")) {
                cp.add(entry);
            }
        }
        return String.join(File.pathSeparator, cp);
    }
}
