package io.gradwatch.offline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the report: one HTML file holding its data ({@code window.GRADWATCH_EMBEDDED}, see
 * {@link PageData}), ECharts and the view's script inline, so it opens offline and from an attachment.
 * Its Content-Security-Policy forbids every request (default-src 'none'), so nothing can leave the file
 * even by mistake.
 */
final class HtmlReport {

    /** ECharts as the web jar ships it; its version is pinned in the parent pom (echarts.webjar.version). */
    static final String ECHARTS_DIR = "META-INF/resources/webjars/echarts/";

    private HtmlReport() {
    }

    static String render(String title, List<RunData> runs) {
        String data = Json.toJson(PageData.build(title, runs));
        String body = resource("report-body.html").replace("@TITLE@", escapeHtml(title));
        return resource("report.html")
                .replace("@TITLE@", escapeHtml(title))
                .replace("@CSS@", resource("report.css"))
                .replace("@ECHARTS@", inlineScript(echarts()))
                .replace("@BODY@", body)
                .replace("@SCRIPTS@", "<script>\n" + inlineScript(resource("report.js")) + "\n</script>")
                // last: the data holds user text, no placeholder inside it may be replaced
                .replace("@DATA@", data);
    }

    /** A script's text made safe inside a script element ("</script" would end it early). */
    static String inlineScript(String js) {
        return js.replace("</script", "<\\/script").replace("<!--", "<\\!--");
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** echarts.min.js from the web jar on the class path (inside the report jar). */
    static String echarts() {
        java.util.Properties p = new java.util.Properties();
        try {
            p.load(new java.io.StringReader(resource("report.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classpathText(ECHARTS_DIR + p.getProperty("echarts.version") + "/echarts.min.js");
    }

    private static String resource(String name) {
        return classpathText("io/gradwatch/offline/" + name);
    }

    static String classpathText(String path) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path: the report jar is incomplete; "
                        + "rebuild it with mvn -pl report -am package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from the class path", e);
        }
    }
}
