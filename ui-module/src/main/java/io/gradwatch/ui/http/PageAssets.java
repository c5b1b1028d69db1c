package io.gradwatch.ui.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The Gradients page's files, listed once: the HTML template, the style sheet and the scripts in load order
 * (ECharts first, from its WebJar). The server links them ({@link #servedPage()}); a report file inlines the
 * same files in the same order with the endpoints' answers embedded ({@link #standalonePage(String)}), so
 * both show the same views.
 */
public final class PageAssets {

    /** Where the page's own files live on the classpath (DL4J serves this folder at /assets/ too). */
    public static final String DIR = "deeplearning4jUiAssets/gradwatch/";
    public static final String PAGE = DIR + "gradients.html";
    public static final String STYLE = "gradients.css";
    /** The page's own scripts, in load order: data access, shared helpers, one file per panel, then polling. */
    public static final List<String> SCRIPTS = List.of("gw-data.js", "gw-base.js", "gw-verdicts.js", "gw-runs.js",
            "gw-flow.js", "gw-depth.js", "gw-lines.js", "gw-loss.js", "gw-histogram.js", "gw-latest.js", "gw-page.js");

    private PageAssets() {
    }

    /** Classpath resources of every script the page loads, in order, ECharts first. */
    public static List<String> scriptResources() {
        List<String> out = new ArrayList<>();
        out.add("META-INF/resources/webjars/echarts/" + echartsVersion() + "/echarts.min.js");
        SCRIPTS.forEach(s -> out.add(DIR + s));
        return List.copyOf(out);
    }

    /** The page as the server sends it: files linked from /gradients/assets/ and DL4J's WebJar handler. */
    public static String servedPage() {
        StringBuilder head = new StringBuilder();
        head.append("  <link rel=\"stylesheet\" href=\"/gradients/assets/").append(STYLE).append("\">\n");
        head.append("  <script src=\"/assets/webjars/echarts/").append(echartsVersion()).append("/echarts.min.js\"></script>\n");
        for (String s : SCRIPTS) {
            head.append("  <script src=\"/gradients/assets/").append(s).append("\"></script>\n");
        }
        return text(PAGE).replace("@HEAD@", head.toString());
    }

    /**
     * One self-contained HTML file: the same page with its style and every script inlined and
     * {@code embeddedJson} (a JSON object mapping each {@code gw.data.path(...)} of docs/ui.md to that
     * endpoint's answer) as {@code window.GRADWATCH_EMBEDDED}. It makes no request when opened.
     */
    public static String standalonePage(String embeddedJson) {
        StringBuilder head = new StringBuilder();
        head.append("  <style>\n").append(text(DIR + STYLE)).append("\n  </style>\n");
        head.append("  <script>window.GRADWATCH_EMBEDDED = ").append(inert(embeddedJson)).append(";</script>\n");
        for (String s : scriptResources()) {
            head.append("  <script>\n").append(inert(text(s))).append("\n  </script>\n");
        }
        return text(PAGE).replace("@HEAD@", head.toString());
    }

    /**
     * The key under which the page looks up an endpoint's answer, as {@code gw.data.path(endpoint, ids)}
     * builds it: the endpoint, then {@code ?} and the non-empty {@code ids} sorted by name, each name and
     * value encoded as JavaScript's {@code encodeURIComponent} does, joined with {@code &}; e.g.
     * {@code series?session=a%20b&worker=0}. A report file keys its embedded answers with it.
     */
    public static String dataPath(String endpoint, Map<String, String> ids) {
        StringJoiner query = new StringJoiner("&");
        new TreeMap<>(ids).forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                query.add(uriComponent(k) + "=" + uriComponent(v));
            }
        });
        return query.length() == 0 ? endpoint : endpoint + "?" + query;
    }

    /** JavaScript's encodeURIComponent: URLEncoder's form encoding, with %20 for space and !'()~ left as they are. */
    static String uriComponent(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
                .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
    }

    /** Text that cannot end the script element it is inlined in (ECharts' code holds no "</script"). */
    private static String inert(String script) {
        return script.replaceAll("(?i)</script", "<\\\\/script").replace("<!--", "<\\!--");
    }

    public static String echartsVersion() {
        Properties p = new Properties();
        try (InputStream in = PageAssets.class.getResourceAsStream("/io/gradwatch/ui/gradwatch-ui.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("gradwatch-ui jar is missing gradwatch-ui.properties", e);
        }
        return p.getProperty("echarts.version");
    }

    public static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String resource) {
        try (InputStream in = PageAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("gradwatch-ui jar is missing " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
