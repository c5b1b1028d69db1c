package io.gradwatch.readme;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The outer build's Maven, handed down by Surefire (example/pom.xml): the same Maven, the same local
 * repository, offline when the outer build is, and the parent pom's plugin versions, so the user project
 * needs nothing the outer build did not already fetch.
 */
record MavenSettings(Path mvn, Path localRepository, boolean offline, String compilerVersion,
                     String resourcesVersion, String dependencyVersion, String execPluginVersion) {

    static MavenSettings fromSystemProperties() {
        return new MavenSettings(Path.of(required("gradwatch.maven.home"), "bin", "mvn"),
                Path.of(required("gradwatch.maven.localRepository")),
                required("gradwatch.maven.offline").equals("offline=true"),
                required("gradwatch.plugin.compiler"), required("gradwatch.plugin.resources"),
                required("gradwatch.plugin.dependency"), required("gradwatch.plugin.exec"));
    }

    private static String required(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank() || v.startsWith("${")) {
            throw new IllegalStateException("system property " + name + " is not set: run this test through "
                    + "Maven (example/pom.xml's Surefire configuration sets it)");
        }
        return v;
    }

    List<String> mvn(String... goals) {
        List<String> cmd = new ArrayList<>(List.of(mvn.toString(), "-B", "-q",
                "-Dmaven.repo.local=" + localRepository));
        if (offline) {
            cmd.add("-o");
        }
        cmd.addAll(List.of(goals));
        return cmd;
    }

    String pinnedPlugins() {
        return plugin("org.apache.maven.plugins", "maven-compiler-plugin", compilerVersion)
                + plugin("org.apache.maven.plugins", "maven-resources-plugin", resourcesVersion)
                + plugin("org.apache.maven.plugins", "maven-dependency-plugin", dependencyVersion);
    }

    private static String plugin(String group, String artifact, String version) {
        return "      <plugin><groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId><version>"
                + version + "</version></plugin>\n";
    }
}
