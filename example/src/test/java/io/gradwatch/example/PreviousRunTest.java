package io.gradwatch.example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreviousRunTest {

    @Test
    void anEarlierRunsEventFiles_areRemoved_withALineSayingSo_otherFilesStay(@TempDir Path logDir) throws Exception {
        Path run = Files.createDirectories(logDir.resolve("uniform_relu"));
        Files.writeString(run.resolve("events.out.tfevents.1.host.1.0"), "a");
        Files.writeString(run.resolve("events.out.tfevents.2.host.2.0"), "b");
        Files.writeString(run.resolve("notes.txt"), "mine");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int removed = PreviousRun.replace(run, new Console(new PrintStream(out, true, StandardCharsets.UTF_8), false));

        assertEquals(2, removed);
        assertFalse(Files.exists(run.resolve("events.out.tfevents.1.host.1.0")));
        assertTrue(Files.exists(run.resolve("notes.txt")), "only TensorBoard's event files are removed");
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("Replacing the earlier run in " + run + ": removing its 2 TensorBoard event file(s)"), said);
    }

    @Test
    void aFreshDirectory_isLeftAlone_silently(@TempDir Path logDir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, PreviousRun.replace(logDir.resolve("new"), new Console(new PrintStream(out), false)));
        assertEquals("", out.toString());
    }
}
