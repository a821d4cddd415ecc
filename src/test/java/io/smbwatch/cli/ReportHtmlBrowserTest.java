package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smbwatch.report.HtmlReport;
import io.smbwatch.report.HtmlReportTest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smbwatch report --html} rendered by a real headless Chromium: the DOM after parsing holds
 * the plots with one mark per data point, and the numbers they show are the JSON report's.
 * Skipped, with the reason, when /usr/bin/chromium is absent ({@code .ci/run} installs it).
 */
class ReportHtmlBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String[] SAMPLES = {"samples/scan-sample.pcap", "samples/nullsession-sample.pcap",
            "samples/ms08067-sample.pcap", "samples/smb-sample.pcap"};

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium is absent (" + CHROMIUM + "): headless-browser test skipped");
    }

    /** The DOM Chromium builds from the page, serialised. */
    String dom(Path page) throws Exception {
        List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + tmp.resolve("profile"),
                "--dump-dom", page.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, p.exitValue(), "chromium exit status");
        String dom = new String(out, StandardCharsets.UTF_8);
        assertTrue(dom.contains("</html>"), "chromium dumped a DOM: " + dom);
        return dom;
    }

    @Test
    void plotsInTheRenderedPageShowTheJsonReportsNumbers() throws Exception {
        ReadCommandTest.Result j = ReadCommandTest.run(null, cat("report", "--json"));
        assertEquals(0, j.code(), j.err());
        JsonNode rep = new ObjectMapper().readTree(j.out());
        Path page = tmp.resolve("report.html");
        ReadCommandTest.Result h = ReadCommandTest.run(null, cat("report", "--html", page.toString()));
        assertEquals(0, h.code(), h.err());
        assertEquals("", h.out(), "--html alone keeps stdout quiet");
        String dom = dom(page);

        assertEquals(rep, new ObjectMapper().readTree(HtmlReportTest.embeddedJson(dom)), "the page embeds the JSON report");
        JsonNode totals = rep.get("totals"), charts = rep.get("charts");
        assertEquals(totals.get("messages").asLong(), card(dom, "total-messages"));
        assertEquals(totals.get("alerts").asLong(), card(dom, "total-alerts"));
        assertEquals(totals.get("incidents").asLong(), card(dom, "total-incidents"));
        assertEquals(rep.get("sources").size(), card(dom, "total-sources"));

        // time series: one point per minute for messages, one bar per minute for alerts
        String series = figure(dom, "chart-per-minute");
        assertTrue(series.contains("<svg"), series);
        List<String> msgs = all(series, "<circle class=\"pt-msg\"[^>]*data-count=\"(\\d+)\""),
                alerts = all(series, "<rect class=\"pt-alert\"[^>]*data-count=\"(\\d+)\"");
        assertEquals(charts.get("per_minute").size(), msgs.size());
        assertEquals(charts.get("per_minute").size(), alerts.size());
        for (int i = 0; i < msgs.size(); i++) {
            assertEquals(charts.get("per_minute").get(i).get("messages").asText(), msgs.get(i));
            assertEquals(charts.get("per_minute").get(i).get("alerts").asText(), alerts.get(i));
        }

        // bar charts: same names, same order, and the printed number is the JSON count
        String[][] bars = {{"chart-top-talkers", "top_talkers_to_smb"}, {"chart-top-targets", "top_smb_targets"},
                {"chart-failed-logons", "failed_logons"}, {"chart-commands", "commands"}, {"chart-statuses", "statuses"}};
        for (String[] b : bars) {
            JsonNode list = charts.get(b[1]);
            assertTrue(list.size() > 0, b[1] + " has data in the samples");
            Matcher m = Pattern.compile("<g class=\"bar\" data-name=\"([^\"]*)\" data-count=\"(\\d+)\">.*?<text class=\"value\"[^>]*>(\\d+)</text></g>")
                    .matcher(figure(dom, b[0]));
            int i = 0;
            for (; m.find(); i++) {
                assertEquals(list.get(i).get("name").asText(), unescape(m.group(1)), b[1]);
                assertEquals(list.get(i).get("count").asText(), m.group(2), b[1]);
                assertEquals(m.group(2), m.group(3), b[1] + ": the printed number");
            }
            assertEquals(list.size(), i, b[1] + ": one bar per entry");
            assertEquals(list.size(), count(figure(dom, b[0]), "<rect "), b[1] + ": one rect per entry");
        }

        // attack graph: one arrow per edge, a node per distinct source and target
        String graph = figure(dom, "chart-attack-graph");
        Matcher e = Pattern.compile("<g class=\"edge\" data-src=\"([^\"]*)\" data-dst=\"([^\"]*)\" data-count=\"(\\d+)\">").matcher(graph);
        java.util.Set<String> srcs = new java.util.HashSet<>(), dsts = new java.util.HashSet<>();
        int edges = 0;
        for (; e.find(); edges++) {
            JsonNode want = charts.get("attack_edges").get(edges);
            assertEquals(want.get("name").asText(), unescape(e.group(1)) + " -> " + unescape(e.group(2)));
            assertEquals(want.get("count").asText(), e.group(3));
            srcs.add(e.group(1));
            dsts.add(e.group(2));
        }
        assertEquals(charts.get("attack_edges").size(), edges);
        assertTrue(edges >= 1, "the samples' attacks draw edges");
        assertEquals(edges, count(graph, "marker-end=\"url(#arrow)\""), "one arrow per edge");
        assertEquals(srcs.size(), count(graph, "<g class=\"node src\""));
        assertEquals(dsts.size(), count(graph, "<g class=\"node dst\""));

        // tables
        long files = 0, unhashed = 0;
        for (JsonNode s : rep.get("sources")) {
            files += s.get("files").size();
            for (JsonNode f : s.get("files")) if (!f.has("sha256")) unhashed++;
        }
        assertEquals(totals.get("incidents").asLong(), count(figure(dom, "table-incidents"), "<tr class=\"incident\""));
        assertEquals(files, count(figure(dom, "table-files"), "<tr class=\"file "));
        assertEquals(unhashed, count(figure(dom, "table-files"), "<td class=\"hash\">n/a</td>"), "n/a only where no data was seen");
        assertTrue(unhashed < files, "transfers show their SHA-256");
        assertTrue(files > 0, "the sample writes files");
        assertFalse(dom.contains("<img"), "nothing but SVG and text");
    }

    @Test
    void hostileNamesStayTextInTheBrowser() throws Exception {
        Path page = tmp.resolve("hostile.html");
        try (OutputStream o = Files.newOutputStream(page)) {
            HtmlReport.write(HtmlReportTest.hostile(), List.of(HtmlReportTest.CAPTURE), o);
        }
        String dom = dom(page);
        assertTrue(dom.contains("<title>smbwatch report</title>"), "no script ran");
        assertFalse(dom.contains("pwned</title>"));
        assertFalse(dom.contains("<img"), "no element from the capture");
        assertEquals(1, count(dom, "<script"), "only the JSON data block");
        assertTrue(count(dom, "&lt;img src=x onerror=") >= 10, "the names are shown as text");
        assertEquals(new ObjectMapper().readTree(HtmlReportTest.embeddedJson(dom)).get("captures").get(0).asText(), HtmlReportTest.CAPTURE);
    }

    private static String[] cat(String... head) {
        List<String> l = new ArrayList<>(List.of(head));
        l.addAll(List.of(SAMPLES));
        return l.toArray(new String[0]);
    }

    private static long card(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\" data-count=\"(\\d+)\"><span class=\"num\">(\\d+)</span>").matcher(dom);
        assertTrue(m.find(), id);
        assertEquals(m.group(1), m.group(2), id);
        return Long.parseLong(m.group(2));
    }

    private static String figure(String dom, String id) {
        int i = dom.indexOf("id=\"" + id + "\"");
        assertTrue(i >= 0, id + " is in the page");
        return dom.substring(i, dom.indexOf("</figure>", i));
    }

    private static List<String> all(String s, String regex) {
        List<String> l = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(s);
        while (m.find()) l.add(m.group(1));
        return l;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }
}
