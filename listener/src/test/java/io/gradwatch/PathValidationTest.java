package io.gradwatch;

import io.gradwatch.tensorboard.CreateSinkMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
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

    /**
     * Mounts a read-only tmpfs where the tests may (root with CAP_SYS_ADMIN); elsewhere runs the check in a child
     * JVM inside a user and mount namespace of its own ({@code unshare -Urm}), where any user may mount one. Skipped
     * only where neither is possible, and never under CI=true.
     */
    @Test
    void tensorBoard_onAReadOnlyMount_namesTheReadOnlyFileSystem_notPermissions() throws Exception {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        String message;
        if (run(List.of("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", ro.toString())) == 0) {
            try {
                message = assertThrows(IllegalArgumentException.class,
                        () -> GradWatch.builder().tensorBoard(ro.resolve("run")).build()).getMessage();
            } finally {
                run(List.of("umount", ro.toString()));
            }
        } else {
            message = inOwnMountNamespace(ro);
        }
        assertTrue(message.contains("read-only file system"), message);
        assertFalse(message.contains("chmod"), message);
    }

    /** {@link CreateSinkMain}'s answer for {@code ro/run}, with a read-only tmpfs on {@code ro} in a namespace of its own. */
    private static String inOwnMountNamespace(Path ro) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String script = "mount -t tmpfs -o ro,size=64k tmpfs \"$1\" && exec \"$2\" -Xmx128m -cp \"$3\" "
                + CreateSinkMain.class.getName() + " \"$1/run\"";
        Process child = new ProcessBuilder("unshare", "-Urm", "sh", "-c", script, "sh", ro.toString(), java, cp)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean ran = child.waitFor(60, TimeUnit.SECONDS) && out.startsWith("refused ");
        if (!ran && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true: this check needs mount permission or unprivileged user namespaces (unshare -Urm); got: "
                    + out);
        }
        assumeTrue(ran, "needs permission to mount a read-only tmpfs, or unshare -Urm");
        return out.substring("refused ".length());
    }

    private static int run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
