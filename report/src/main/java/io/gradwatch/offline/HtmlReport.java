package io.gradwatch.offline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * Writes the report: one HTML file holding its data ({@code window.GRADWATCH_EMBEDDED}, see
 * {@link PageData}), ECharts and the view's scripts inline, so it opens offline and from an attachment.
 *
 * <p>The view is the Gradients page itself when gradwatch-ui's {@code PageAssets} is on
 * the class path (it inlines the page's own files, in the page's order, so the report shows exactly the
 * page's views); without it, the report's own simpler view ({@code report.js}). Either way a
 * Content-Security-Policy forbids every request (default-src 'none'): nothing can leave the file, and
 * the runs whose files were damaged are named at the top.
 */
final class HtmlReport {

    /** Where gradwatch-ui keeps PageAssets (its http package; the top package before issue 25's split). */
    static final List<String> PAGE_ASSETS = List.of("io.gradwatch.ui.http.PageAssets", "io.gradwatch.ui.PageAssets");
    static final String CSP = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            + "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">";

    private HtmlReport() {
    }

    /** The report of {@code runs}; {@code usePage} false forces the report's own view. */
    static String render(String title, List<RunFinder.RunFiles> runs, boolean usePage) throws IOException {
        PageData.Built built = PageData.build(title, runs);
        String data = Json.toJson(built.answers());
        String page = usePage ? gradientsPage(data) : null;
        String html = page != null ? page : ownView(title, data);
        // the template's own tags: <head> comes first; <body> is the first one after </head> (scripts precede it)
        int head = html.indexOf("<head>") + "<head>".length();
        html = html.substring(0, head) + "\n" + CSP + html.substring(head);
        int body = html.indexOf(">", html.indexOf("<body", html.indexOf("</head>"))) + 1;
        return html.substring(0, body) + "\n" + problemsBanner(built.problems()) + html.substring(body);
    }

    /** True when the report shows the Gradients page's own views. */
    static boolean pageAvailable() {
        return pageAssets() != null;
    }

    private static Class<?> pageAssets() {
        for (String name : PAGE_ASSETS) {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                // not this one
            }
        }
        return null;
    }

    /** PageAssets.standalonePage(json), or null when gradwatch-ui's page is not on the class path. */
    private static String gradientsPage(String json) {
        Class<?> assets = pageAssets();
        if (assets == null) {
            return null;
        }
        try {
            return (String) assets.getMethod("standalonePage", String.class).invoke(null, json);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("gradwatch-ui's page could not be assembled: " + e, e);
        }
    }

    private static String ownView(String title, String data) {
        return resource("report.html")
                .replace("@TITLE@", escapeHtml(title))
                .replace("@CSS@", resource("report.css"))
                .replace("@ECHARTS@", inlineScript(echarts()))
                .replace("@BODY@", resource("report-body.html").replace("@TITLE@", escapeHtml(title)))
                .replace("@SCRIPTS@", "<script>\n" + inlineScript(resource("report.js")) + "\n</script>")
                // last: the data holds text from the files, no placeholder inside it may be replaced
                .replace("@DATA@", data);
    }

    /** A notice naming each run whose event files were damaged or cut short, or "". */
    static String problemsBanner(java.util.Map<String, List<String>> problems) {
        StringBuilder s = new StringBuilder();
        problems.forEach((run, list) -> list.forEach(p -> s.append("<li>").append(escapeHtml(run + ": " + p)).append("</li>")));
        return s.length() == 0 ? "" : "<div id=\"file-problems\" style=\"background:#fff3f3;border:1px solid #d33;"
                + "padding:6px 12px;margin:8px\"><b>Some event files were damaged or cut short; what they held before "
                + "that point is shown:</b><ul>" + s + "</ul></div>";
    }

    /** A script's text made safe inside a script element ("</script" would end it early). */
    static String inlineScript(String js) {
        return js.replaceAll("(?i)</script", "<\\\\/script").replace("<!--", "<\\!--");
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** echarts.min.js from its web jar, at the version pinned in the parent pom (echarts.webjar.version). */
    static String echarts() {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(resource("report.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classpathText("META-INF/resources/webjars/echarts/" + p.getProperty("echarts.version") + "/echarts.min.js");
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
