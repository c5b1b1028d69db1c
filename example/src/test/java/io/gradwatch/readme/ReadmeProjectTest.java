package io.gradwatch.readme;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's "Add it to your project", followed literally: a fresh project with deeplearning4j-core, the
 * README's dependency block and its MultiLayerNetwork line builds against the installed artifacts, trains,
 * prints the page's URL, and ends by itself within seconds of main returning, under {@code java -cp} and
 * under {@code mvn -q exec:java} (which runs main inside Maven's JVM and waits for its threads).
 *
 * <p>Needs this build's artifacts in the local repository: scripts/test.sh runs {@code mvn install}, which
 * installs listener and ui-module before the example module's tests run. Skipped otherwise (failed when CI=true).
 */
class ReadmeProjectTest {

    /** The bound on the end after main returns; the README promises "ends by itself". */
    private static final long END_WITHIN_MILLIS = 15_000;
    private static final Pattern PAGE_URL = Pattern.compile("Gradients page at http://localhost:\\d+/gradients");

    @TempDir
    static Path dir;
    private static UserProject project;

    @BeforeAll
    static void buildTheUserProject() throws Exception {
        Path readme = ReadmeSnippets.locateReadme();
        requireThisBuildInstalled(readme.getParent(), MavenSettings.fromSystemProperties());
        project = new UserProject(dir, MavenSettings.fromSystemProperties());
        project.write(ReadmeSnippets.read(readme));
        UserProject.Run build = project.build();
        assertEquals(0, build.exitCode(), "the README's project does not build:\n" + build.output());
    }

    @Test
    void javaCp_trains_printsThePageUrl_andEndsByItself() throws Exception {
        assertTrainedAndEnded(project.javaCp(), "java -cp");
    }

    @Test
    void mvnQuietExecJava_trains_printsThePageUrl_andEndsByItself() throws Exception {
        assertTrainedAndEnded(project.execJava(), "mvn -q exec:java");
    }

    private static void assertTrainedAndEnded(UserProject.Run run, String how) {
        String out = how + " printed:\n" + run.output();
        assertEquals(0, run.exitCode(), out);
        assertTrue(run.output().contains("trained 60 iterations"), out);
        assertTrue(PAGE_URL.matcher(run.output()).find(), "the page's URL reaches the terminal; " + out);
        long after = run.millisAfterMain();
        assertTrue(after >= 0 && after <= END_WITHIN_MILLIS,
                "ended " + after + " ms after main returned (bound " + END_WITHIN_MILLIS + " ms); " + out);
        try (var files = Files.list(project.dir().resolve("runs/exp1"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("events.out.tfevents")),
                    "the README's line wrote TensorBoard's files; " + out);
        } catch (java.io.IOException e) {
            fail("no TensorBoard run runs/exp1: " + e + "; " + out);
        }
    }

    /** This build's listener and UI jars must be the ones in the local repository, or the test says why not. */
    private static void requireThisBuildInstalled(Path root, MavenSettings maven) throws Exception {
        String version = System.getProperty("gradwatch.version");
        for (String[] module : new String[][]{{"listener", "gradwatch-listener"}, {"ui-module", "gradwatch-ui"}}) {
            Path built = root.resolve(module[0]).resolve("target").resolve(module[1] + "-" + version + ".jar");
            Path installed = maven.localRepository().resolve("io/gradwatch").resolve(module[1]).resolve(version)
                    .resolve(module[1] + "-" + version + ".jar");
            boolean same = Files.isRegularFile(built) && Files.isRegularFile(installed)
                    && Arrays.equals(Files.readAllBytes(built), Files.readAllBytes(installed));
            String why = installed + " is not this build's " + built + ": run `mvn install` (scripts/test.sh does)";
            if (!same && "true".equals(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(same, why);
        }
    }
}
