package io.gradwatch.tensorboard;

import io.gradwatch.GradWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** A log directory that cannot be written fails at build(), naming the path and the fix. */
class RunDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void tensorBoard_pathIsAFile_failsAtBuild() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradWatch.builder().tensorBoard(file).build());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("pass a directory"),
                e.getMessage());
    }

    @Test
    void tensorBoard_parentIsAFile_failsAtBuild_sayingItCannotCreateTheDirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path dir = file.resolve("runs");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradWatch.builder().tensorBoard(dir.toString()).build());
        assertTrue(e.getMessage().contains("cannot create the TensorBoard log directory " + dir)
                && e.getMessage().contains("write permission"), e.getMessage());
    }

    @Test
    void tensorBoard_readOnlyDirectory_failsAtBuild() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path dir = Files.createDirectory(tmp.resolve("ro"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorBoardSink.create(dir));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("chmod u+w"), e.getMessage());
    }

    @Test
    void create_whenTheEventsFileCannotBeOpened_failsNamingTheDirectory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SummaryWriter.builder(tmp).channelOpener(f -> {
                    throw new java.nio.file.AccessDeniedException(f.toString());
                }).build());
        assertTrue(e.getMessage().contains("cannot create a TensorBoard events file in " + tmp), e.getMessage());
    }

    @Test
    void create_missingDirectory_isCreated() {
        Path dir = tmp.resolve("a/b/c");
        try (SummaryWriter w = SummaryWriter.builder(dir).closeOnShutdown(false).build()) {
            assertTrue(Files.isDirectory(dir));
        }
    }
}
