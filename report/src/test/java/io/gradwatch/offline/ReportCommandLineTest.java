package io.gradwatch.offline;

import io.gradwatch.testing.ExpectedErrorOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExpectedErrorOutput("the command line's answers to a missing directory, an unknown format and a cut-short event file")
class ReportCommandLineTest {

    /** http(s) strings ECharts carries as text (XML namespaces, licence notices): never requested. */
    static final List<String> INERT_URLS = List.of("http://www.apache.org/licenses/LICENSE-2.0",
            "http://www.w3.org/1999/xlink", "http://www.w3.org/2000/svg", "http://www.w3.org/2000/xmlns/",
            "http://www.w3.org/XML/1998/namespace", "https://github.com/ecomfe/zrender/blob/master/LICENSE.txt");

    @TempDir
    Path tmp;

    @Test
    void export_writesOneRowPerRunIterationAndKey_andBadInputGetsTheFix() throws Exception {
        new SinkRuns("a", 2, 1e-3, false).write(tmp, 30);
        Path out = tmp.resolve("out.csv");
        assertEquals(0, ReportMain.run("export", tmp.toString(), "--format", "csv", "-o", out.toString()));
        List<String> lines = Files.readAllLines(out);
        assertEquals(String.join(",", Export.COLUMNS), lines.get(0));
        assertEquals(ExportTest.csv(Files.readString(out)).size(), lines.size() - 1, "one row per (run, iteration, key)");
        assertEquals(1, ReportMain.run("export", tmp.resolve("missing").toString(), "-o", out.toString()));
        assertEquals(2, ReportMain.run("export", tmp.toString(), "--format", "xml", "-o", out.toString()));
    }

    @Test
    void report_isOneFile_withEveryRunsData_noUrlThatCouldBeFetched_andAForbidAllPolicy() throws Exception {
        new SinkRuns("deep", 5, 1e-7, false).write(tmp, 60);
        new SinkRuns("dead <b>", 2, 1e-3, true).write(tmp, 60);
        Path html = tmp.resolve("r.html");
        assertEquals(0, ReportMain.run("report", tmp.toString(), "-o", html.toString()));
        String text = Files.readString(html);
        Matcher urls = Pattern.compile("(?i)(https?:|ftp:|//)[^\\s\"'<>()\\\\]*").matcher(text);
        while (urls.find()) {
            String u = urls.group();
            assertTrue(!u.startsWith("http") || INERT_URLS.contains(u), "a URL in the report: " + u);
        }
        String markup = text.replaceAll("(?is)(<script[^>]*>).*?(</script>)", "$1$2"); // the elements, not the code
        assertFalse(Pattern.compile("(?i)<(script|link|img|iframe)[^>]*\\s(src|href)\\s*=\\s*(?![\"']?data:)").matcher(markup).find(),
                "no element loads anything but a data: URL");
        assertFalse(Pattern.compile("(?i)@import|url\\(\\s*[\"']?(?!data:|#)").matcher(markup).find(), "no style loads anything");
        assertTrue(text.contains("content=\"default-src 'none'; script-src 'unsafe-inline'"), "a policy forbidding requests");
        // in the embedded JSON '&' is written \\u0026 (so no text in it can act as markup)
        assertTrue(text.contains("\"series?session=deep\\u0026worker=0\""), "the page's path of run deep's series");
        assertTrue(text.contains("\"series?session=dead%20%3Cb%3E\\u0026worker=0\""),
                "names are encoded as encodeURIComponent does");
        assertFalse(text.contains("dead <b>"), "a run name never reaches the HTML as markup");
        assertTrue(text.contains("\"problem\":\"VANISHING_GRADIENT\",\"words\":\"vanishing gradient\""), "verdicts read back");
    }

    @Test
    void report_ofACutShortFile_namesTheRunAndTheByte_andShowsWhatCameBefore() throws Exception {
        Path dir = new SinkRuns("cut", 2, 1e-3, false).write(tmp, 60);
        Path file;
        try (var files = Files.list(dir)) {
            file = files.filter(p -> p.getFileName().toString().contains("tfevents")).findFirst().orElseThrow();
        }
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 7));
        Path html = tmp.resolve("r.html");
        assertEquals(0, ReportMain.run("report", tmp.toString(), "-o", html.toString()));
        String text = Files.readString(html);
        assertTrue(text.contains("<div id=\"file-problems\""), "the damage is named at the top of the report");
        int banner = text.indexOf("<div id=\"file-problems\"");
        assertTrue(text.contains("cut: " + file.getFileName() + ": truncated record at byte"),
                text.substring(banner, Math.min(text.length(), banner + 800)));
        assertTrue(text.contains("\"series?session=cut\\u0026worker=0\""), "the run is in the report");
    }
}
