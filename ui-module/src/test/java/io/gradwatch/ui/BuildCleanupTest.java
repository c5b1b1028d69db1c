package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13: a build() that fails opens nothing it leaves behind. */
class BuildCleanupTest {

    @TempDir
    Path tmp;

    @Test
    void whenUiFailsAfterTensorBoardWasSet_noRunDirectoryIsLeftBehind() throws Exception {
        Path run = tmp.resolve("runs/exp1");
        try (ServerSocket taken = new ServerSocket(0)) {
            Exception e = assertThrows(IllegalStateException.class,
                    () -> GradWatch.builder().tensorBoard(run).ui(taken.getLocalPort()).build());
            assertTrue(e.getMessage().contains("ui(0)"), e.getMessage());
        }
        assertFalse(Files.exists(run), "no run directory after a failed build");
        boolean writerThreadLeft = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("gradwatch-tensorboard-writer") && t.isAlive());
        assertFalse(writerThreadLeft, "no TensorBoard writer thread left running");
    }
}
