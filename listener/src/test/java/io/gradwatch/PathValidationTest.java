package io.gradwatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Issue 13: empty paths are rejected when set, and a read-only mount is named as the cause. */
class PathValidationTest {

    @TempDir
    Path tmp;

    @Test
    void tensorBoard_blankString_isRejectedNamingTheFix() {
        for (String blank : new String[]{"", "  "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GradWatch.builder().tensorBoard(blank));
            assertTrue(e.getMessage().contains("must not be blank") && e.getMessage().contains("runs/exp1"),
                    e.getMessage());
        }
    }

    @Test
    void tensorBoard_emptyPath_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradWatch.builder().tensorBoard(Path.of("")));
        assertTrue(e.getMessage().contains("must not be empty"), e.getMessage());
    }

    @Test
    void uiStorage_blankFile_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradWatch.builder().uiStorage(new File("")));
        assertTrue(e.getMessage().contains("must not be blank"), e.getMessage());
    }

    @Test
    void tensorBoard_onAReadOnlyMount_namesTheReadOnlyFileSystem_notPermissions() throws Exception {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", ro.toString())
                .redirectErrorStream(true).start();
        boolean mounted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        assumeTrue(mounted, "needs permission to mount a read-only tmpfs");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GradWatch.builder().tensorBoard(ro.resolve("run")).build());
            assertTrue(e.getMessage().contains("read-only file system"), e.getMessage());
            assertFalse(e.getMessage().contains("chmod"), e.getMessage());
        } finally {
            new ProcessBuilder("umount", ro.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
