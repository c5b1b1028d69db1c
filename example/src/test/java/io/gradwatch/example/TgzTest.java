package io.gradwatch.example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TgzTest {

    @TempDir
    Path dir;

    private Path packageTgz() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
        entries.put("package/data/a", new byte[]{1, 2, 3});
        entries.put("package/data/b", new byte[70_000]);
        entries.put("../escape", new byte[]{9});
        return TestTgz.write(dir.resolve("p.tgz"), entries);
    }

    @Test
    void extract_writesExactlyTheChosenEntries() throws IOException {
        Path tgz = packageTgz();
        Path out = Files.createDirectory(dir.resolve("out"));

        Tgz.extract(tgz, Map.of("package/data/a", out.resolve("a"), "package/data/b", out.resolve("b")));

        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(out.resolve("a")));
        assertEquals(70_000, Files.size(out.resolve("b")));
        try (var files = Files.list(out)) {
            assertEquals(2, files.count());
        }
        assertFalse(Files.exists(dir.resolve("escape")), "entries not asked for are never written");
    }

    @Test
    void extract_missingEntry_namesIt() throws IOException {
        Path tgz = packageTgz();

        IOException e = assertThrows(IOException.class,
                () -> Tgz.extract(tgz, Map.of("package/data/a", dir.resolve("a"), "package/data/zz", dir.resolve("zz"))));

        assertTrue(e.getMessage().contains("package/data/zz"), e.getMessage());
    }

    @Test
    void extract_notGzip_fails() throws IOException {
        Path bogus = Files.write(dir.resolve("bogus.tgz"), "not an archive".getBytes(StandardCharsets.UTF_8));

        assertThrows(IOException.class, () -> Tgz.extract(bogus, Map.of("package/data/a", dir.resolve("a"))));
    }
}
