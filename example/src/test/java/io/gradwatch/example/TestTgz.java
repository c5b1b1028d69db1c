package io.gradwatch.example;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Builds small .tgz files for tests. */
final class TestTgz {

    private TestTgz() {
    }

    /** Writes a .tgz with one regular file per entry (name to content), in the map's order. */
    static Path write(Path tgz, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(tgz);
             GZIPOutputStream gz = new GZIPOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return tgz;
    }
}
