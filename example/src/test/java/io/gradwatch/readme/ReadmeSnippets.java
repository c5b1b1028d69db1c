package io.gradwatch.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What README.md tells a user to add, read from the README itself so the two cannot drift: the first xml
 * block (the dependencies) and the first {@code net.addListeners(...)} line (a MultiLayerNetwork's).
 */
record ReadmeSnippets(String dependencies, String multiLayerNetworkLine) {

    private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern NET_LINE = Pattern.compile("^\\s*(net\\.addListeners\\(.*)$", Pattern.MULTILINE);

    static ReadmeSnippets read(Path readme) throws IOException {
        String text = Files.readString(readme);
        Matcher xml = XML_BLOCK.matcher(text);
        if (!xml.find()) {
            throw new IllegalStateException(readme + " has no ```xml block: the test reads the dependencies from it");
        }
        Matcher line = NET_LINE.matcher(text);
        if (!line.find()) {
            throw new IllegalStateException(readme + " has no net.addListeners(...) line: the test reads it");
        }
        return new ReadmeSnippets(xml.group(1), line.group(1));
    }

    /** The README: two levels above the example module's tests' working directory at most. */
    static Path locateReadme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("listener"))) {
                return dir.resolve("README.md");
            }
        }
        throw new IllegalStateException("README.md of the gradwatch repository not found above "
                + Path.of("").toAbsolutePath());
    }
}
