package io.gradwatch.tensorboard;

import io.gradwatch.GradWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void tensorBoard_parentIsAFile_failsAtBuild_sayingItIsNotADirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        for (Path dir : new Path[] {file.resolve("runs"), file.resolve("runs/deeper")}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GradWatch.builder().tensorBoard(dir.toString()).build());
            assertTrue(e.getMessage().contains("cannot create the TensorBoard log directory " + dir)
                    && e.getMessage().contains(file + " is a file, not a directory"), e.getMessage());
            assertFalse(e.getMessage().contains("chmod") || e.getMessage().contains("permission"), e.getMessage());
        }
    }

    /**
     * Runs as root too (CI containers often do): root writes anywhere through its capabilities, so the check then
     * runs in a child JVM started by {@code setpriv} without them.
     */
    @Test
    void tensorBoard_readOnlyDirectory_failsAtBuild() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("ro"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
        String message = "root".equals(System.getProperty("user.name")) ? createWithoutRootsCapabilities(dir)
                : assertThrows(IllegalArgumentException.class, () -> TensorBoardSink.create(dir)).getMessage();
        assertTrue(message.contains(dir.toString()) && message.contains("chmod u+w"), message);
    }

    /** What {@link CreateSinkMain} says in a JVM without the capabilities that bypass file permissions. */
    private static String createWithoutRootsCapabilities(Path dir) throws Exception {
        List<String> cmd = List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner",
                TfInterop.javaExecutable(), "-Xmx128m", "-cp", String.join(File.pathSeparator, TfInterop.testClasspath()),
                CreateSinkMain.class.getName(), dir.toString());
        Process child;
        try {
            child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException noSetpriv) {
            throw new AssertionError("running as root, this check needs setpriv (util-linux) to drop root's "
                    + "capabilities: " + noSetpriv);
        }
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM ended");
        assertTrue(out.startsWith("refused "), "a directory without write permission was refused: " + out);
        return out.substring("refused ".length());
    }

    @Test
    void create_whenTheEventsFileCannotBeOpened_failsNamingTheDirectory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SummaryWriter.builder(tmp).channelOpener(f -> {
                    throw new AccessDeniedException(f.toString());
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
