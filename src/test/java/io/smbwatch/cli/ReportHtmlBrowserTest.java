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
        screenshot(page, "samples");

        assertEquals(rep, new ObjectMapper().readTree(HtmlReportTest.embeddedJson(dom)), "the page embeds the JSON report");
        JsonNode totals = rep.get("totals"), charts = rep.get("charts");
        assertEquals(totals.get("messages").asLong(), card(dom, "total-messages"));
        assertEquals(totals.get("alerts").asLong(), card(dom, "total-alerts"));
        assertEquals(totals.get("incidents").asLong(), card(dom, "total-incidents"));
        assertEquals(rep.get("sources").size(), card(dom, "total-sources"));

        series(dom, rep);

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

    /**
     * The time series as drawn: one point and one bar per bin of the JSON report, in order, at
     * its count; empty bins on the zero line (the line is never drawn over a quiet stretch);
     * the bars inside the alerts panel, clear of the axis labels; every time label inside the chart.
     */
    static void series(String dom, JsonNode rep) {
        JsonNode act = rep.get("charts").get("activity"), bins = act.get("bins");
        String series = figure(dom, "chart-activity");
        assertTrue(series.contains("data-bin-seconds=\"" + act.get("bin_seconds").asLong() + "\""), series);
        List<String> msgs = all(series, "<circle class=\"pt-msg\"[^>]*data-count=\"(\\d+)\""),
                alerts = all(series, "<rect class=\"pt-alert\"[^>]*data-count=\"(\\d+)\"");
        assertEquals(bins.size(), msgs.size());
        assertEquals(bins.size(), alerts.size());
        for (int i = 0; i < msgs.size(); i++) {
            assertEquals(bins.get(i).get("messages").asText(), msgs.get(i));
            assertEquals(bins.get(i).get("alerts").asText(), alerts.get(i));
        }
        Matcher line = Pattern.compile("<polyline class=\"line\" points=\"([^\"]*)\"").matcher(series);
        assertTrue(line.find());
        String[] pts = line.group(1).split(" ");
        assertEquals(bins.size(), pts.length, "a line point per bin, none left out");
        double zero = Double.NaN, lastX = -1;
        for (int i = 0; i < pts.length; i++) {
            double x = Double.parseDouble(pts[i].split(",")[0]), y = Double.parseDouble(pts[i].split(",")[1]);
            assertTrue(x > lastX, "points in time order");
            lastX = x;
            if (bins.get(i).get("messages").asLong() == 0) {
                if (Double.isNaN(zero)) zero = y;
                assertEquals(zero, y, 0.01, "an empty bin is on the zero line");
            }
        }
        double labelsTop = Double.MAX_VALUE;
        for (String y : all(series, "<text class=\"tick (?:time|date)\" x=\"[^\"]*\" y=\"([\\d.]+)\"")) labelsTop = Math.min(labelsTop, Double.parseDouble(y) - 11);
        Matcher bar = Pattern.compile("<rect class=\"pt-alert\" x=\"([\\d.]+)\" y=\"([\\d.]+)\" width=\"([\\d.]+)\" height=\"([\\d.]+)\"").matcher(series);
        while (bar.find()) {
            double x = Double.parseDouble(bar.group(1)), bottom = Double.parseDouble(bar.group(2)) + Double.parseDouble(bar.group(4));
            assertTrue(bottom < labelsTop, "a bar ends above the time labels: " + bar.group());
            assertTrue(x >= 64, "a bar right of the count labels: " + bar.group());
        }
        Matcher tick = Pattern.compile("<text class=\"tick (?:time|date)\" x=\"([\\d.]+)\" y=\"[^\"]*\" text-anchor=\"(\\w+)\">([^<]*)</text>").matcher(series);
        int ticks = 0;
        for (; tick.find(); ticks++) {
            double x = Double.parseDouble(tick.group(1)), w = 6.8 * tick.group(3).length();   // 11 px digits
            double from = tick.group(2).equals("start") ? x : tick.group(2).equals("end") ? x - w : x - w / 2;
            assertTrue(from >= 0 && from + w <= 1160, "label inside the chart: " + tick.group());
        }
        assertTrue(ticks >= 3, ticks + " time labels");
    }

    /** A screenshot of the page, for a person to look at: target/report-screens/NAME.png. */
    void screenshot(Path page, String name) throws Exception {
        Path dir = Path.of("target", "report-screens");
        Files.createDirectories(dir);
        Path png = dir.resolve(name + ".png").toAbsolutePath();
        Files.deleteIfExists(png);
        List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + tmp.resolve("shot-" + name),
                "--window-size=1280,1100", "--screenshot=" + png, page.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertTrue(Files.size(png) > 20_000, "a screenshot with something drawn: " + png);
    }

    /**
     * Short span (the local captures: 91 s, one-second bins) and long span (three captures over
     * two months: one-day bins, weeks of zero between): the bin width follows the span, and each
     * page is screenshotted.
     */
    @Test
    void binWidthFollowsTheSpanInTheBrowser() throws Exception {
        io.smbwatch.corpus.Shared.require();
        String sv = "suricata-verify/tests/";
        String[][] runs = {
                {"short", "local/smb-bruteforce.pcap", "local/smb-impacket.pcap", "local/smb-loopback.pcap", "local/smb-rpcclient-samr.pcap",
                        "local/smb3-session.pcap", "local/smb-impacket-cleartext.pcap"},
                {"long", sv + "smb2-05/20171220_smb_mimikatz_copy_to_host.pcap", sv + "smb2-06/20171220_smb_net_user.pcap",
                        sv + "smb2-07/20171220_smb_psexec_add_user.pcap"}};
        long[] width = new long[2];
        for (int k = 0; k < runs.length; k++) {
            List<String> files = new ArrayList<>();
            for (int i = 1; i < runs[k].length; i++) files.add(io.smbwatch.corpus.Shared.pcap(runs[k][i]).toString());
            Path page = tmp.resolve(runs[k][0] + ".html");
            List<String> args = new ArrayList<>(List.of("report", "--json", "--html", page.toString()));
            args.addAll(files);
            ReadCommandTest.Result r = ReadCommandTest.run(null, args.toArray(new String[0]));
            assertEquals(0, r.code(), r.err());
            JsonNode rep = new ObjectMapper().readTree(r.out());
            series(dom(page), rep);
            screenshot(page, runs[k][0]);
            width[k] = rep.get("charts").get("activity").get("bin_seconds").asLong();
        }
        assertEquals(1, width[0], "seconds for a minute and a half");
        assertEquals(86400, width[1], "days for two months");
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
