package io.gradwatch.example;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/** Extracts chosen regular files from a gzip-compressed tar archive (an npm package's .tgz). */
final class Tgz {

    private Tgz() {
    }

    /**
     * Writes each archive entry named by a key of {@code targets} (e.g. {@code package/data/x}) to
     * the path it maps to. Nothing else is extracted, so entry names never choose where files go.
     *
     * @throws IOException if the archive is unreadable or lacks one of the entries (all are named)
     */
    static void extract(Path tgz, Map<String, Path> targets) throws IOException {
        Set<String> found = new HashSet<>();
        try (InputStream file = Files.newInputStream(tgz);
             InputStream gz = new GZIPInputStream(new BufferedInputStream(file, 1 << 16));
             TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            for (TarArchiveEntry entry; (entry = tar.getNextTarEntry()) != null; ) {
                Path target = targets.get(entry.getName());
                if (target != null && entry.isFile()) {
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    found.add(entry.getName());
                }
            }
        }
        if (found.size() < targets.size()) {
            Set<String> missing = new TreeSet<>(targets.keySet());
            missing.removeAll(found);
            throw new IOException(tgz.getFileName() + " lacks " + missing
                    + ": not the expected package, or the package changed");
        }
    }
}
