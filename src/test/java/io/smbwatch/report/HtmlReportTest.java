package io.smbwatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smbwatch.detect.Detection;
import io.smbwatch.detect.incident.Incidents;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML page: self-contained, and text from the capture cannot inject markup or script. */
public class HtmlReportTest {
    /** Markup and a script block terminator, as a file, user or host name in a capture could carry. */
    public static final String EVIL = "<img src=x onerror=\"document.title='pwned'\">'\"</script><script>document.title='pwned'</script>";
    public static final String CAPTURE = "evil" + EVIL + ".pcap";

    /** A report whose every text field (sources, targets, titles, stories, accounts, files, commands, statuses) is hostile. */
    public static ReportBuilder hostile() {
        return build(EVIL);
    }

    static ReportBuilder build(String EVIL) {
        ReportBuilder r = new ReportBuilder();
        Incidents incidents = new Incidents(io.smbwatch.config.Limits.defaults(), r);
        for (int i = 0; i < 3; i++) {
            Detection d = new Detection("det" + EVIL, "Name " + EVIL, 1 + i, "10.0.0.1" + EVIL, 50000, "10.0.0.2" + EVIL, 445,
                    1, 1_500_000_000L + 60L * i, 0, List.of(10L + i), "explain " + EVIL, Map.of());
            incidents.onDetection(d);
            r.onDetection(d);
        }
        incidents.finish();
        ReportBuilder.Source s = r.ranked().get(0);
        s.accounts.put("DOM\\" + EVIL, new long[] {1, 2});
        s.files.put("a", new ReportBuilder.FileSeen("\\\\srv\\c$\\" + EVIL + ".exe", "created", 42L, null, -1));
        s.files.put("b", new ReportBuilder.FileSeen("\\\\srv\\c$\\hashed.exe", "written", 43L, "ab".repeat(32), 100));
        r.commands.put("SMB2 " + EVIL, 7L);
        r.statuses.put(EVIL, 3L);
        r.talkersTo445.put(EVIL, 5L);
        r.smbTargets.put(EVIL, 5L);
        r.failedLogons.put(EVIL, 2L);
        for (int i = 0; i < 5; i++) r.activity.add(1_500_000_000L, 0);
        return r;
    }

    static String page(ReportBuilder r, List<String> captures) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlReport.write(r, captures, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String json(ReportBuilder r, List<String> captures) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportWriter.json(r, captures, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The text of the page's one {@code <script type="application/json" id="report">} block. */
    public static String embeddedJson(String html) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"report\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "the page embeds the JSON report");
        return m.group(1);
    }

    @Test
    void hostileTextIsEscapedEverywhere() throws Exception {
        ReportBuilder r = hostile();
        String html = page(r, List.of(CAPTURE));
        assertFalse(html.contains("<img"), "no markup from the capture");
        assertFalse(html.toLowerCase().contains("<script>"), "no script element from the capture");
        assertEquals(1, count(html, "<script"), "one script element: the JSON data block");
        assertEquals(1, count(html, "</script"), "nothing ends the JSON block early");
        String markup = html.replace(embeddedJson(html), "");
        assertFalse(markup.contains("'pwned'"), "quotes are escaped too (no breaking out of attributes)");
        assertTrue(html.contains("&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;"), "the text is shown, escaped");
        assertTrue(count(html, "&lt;img src=x") >= 10, "in every place: sources, targets, graph, tables, bars");
        // the embedded JSON is the JSON report, unchanged in meaning
        JsonNode embedded = new ObjectMapper().readTree(embeddedJson(html));
        assertEquals(new ObjectMapper().readTree(json(r, List.of(CAPTURE))), embedded);
        assertEquals(EVIL, embedded.get("charts").get("statuses").get(0).get("name").asText());
    }

    @Test
    void pageIsSelfContained() throws Exception {
        String html = page(build(""), List.of("a.pcap")).replace("url(#arrow)", "");
        for (String external : List.of("http:", "https:", "<link", "@import", "url(", " src=", " href=", "<iframe", "<object", "<img")) {
            assertFalse(html.contains(external), "nothing fetched: " + external);
        }
        assertTrue(html.contains("<svg class=\"graph\""), "the plots are inline SVG");
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"), "and a policy forbids fetching");
        assertTrue(html.startsWith("<!DOCTYPE html>"));
    }

    @Test
    void filesShowTheirHashWhereDataWasSeen() throws Exception {
        String html = page(hostile(), List.of("a.pcap"));
        assertTrue(html.contains("<td class=\"hash\">" + "ab".repeat(32) + "</td>"), "a transfer's hash is shown");
        assertTrue(html.contains("<td class=\"hash\">n/a</td>"), "a create without data has no hash");
        JsonNode files = new ObjectMapper().readTree(json(hostile(), List.of("a.pcap"))).get("sources").get(0).get("files");
        assertEquals(2, files.size());
        assertFalse(files.get(0).has("sha256"));
        assertEquals("ab".repeat(32), files.get(1).get("sha256").asText());
    }

    @Test
    void emptyReportStillRenders() throws Exception {
        String html = page(new ReportBuilder(), List.of("empty.pcap"));
        assertTrue(html.contains("no SMB traffic"));
        assertTrue(html.contains("no incidents"));
        assertTrue(html.contains("no alerts with a target"));
        assertEquals(0, count(html, "<svg"));
    }

    /** The bin width follows the span: seconds for a short capture, days for months of traffic. */
    @Test
    void binWidthFollowsTheSpan() {
        long t = 1_700_000_000L;
        assertEquals(1, widthOver(t, 40), "40 s in 1 s bins");
        assertEquals(120, widthOver(t, 3 * 3600), "3 h in 2-minute bins");
        assertEquals(3600, widthOver(t, 3 * 86400), "3 days in hours");
        assertEquals(86400, widthOver(t, 90 * 86400), "90 days in days");
        assertEquals(7776000, widthOver(t, 20L * 365 * 86400), "20 years in 90-day bins");
        assertEquals("1 s", Activity.name(1));
        assertEquals("5 min", Activity.name(300));
        assertEquals("7 d", Activity.name(604800));
    }

    /** Every bin from first to last, empty ones zero; held bins bounded even over a hostile clock. */
    @Test
    void binsCoverTheSpanWithZerosAndStayBounded() {
        Activity a = new Activity();
        a.add(1000, 0);
        a.add(1000, 1);
        a.add(1030, 0);
        List<long[]> s = a.series();
        assertEquals(31, s.size());
        assertEquals(2, s.get(0)[1] + s.get(0)[2]);
        assertEquals(0, s.get(15)[1], "a quiet second is zero");
        assertEquals(1, s.get(30)[1]);
        Activity h = new Activity();
        for (long i = 0; i < 200_000; i++) h.add(i * 7919, 0);
        h.add(Long.MAX_VALUE, 0);
        h.add(Long.MIN_VALUE, 1);
        List<long[]> hs = h.series();
        assertTrue(hs.size() <= 2 * Activity.TARGET, hs.size() + " bins");
        assertEquals(200_002, hs.stream().mapToLong(x -> x[1] + x[2]).sum(), "nothing lost");
    }

    private static long widthOver(long t, long span) {
        Activity a = new Activity();
        for (long x = t; x <= t + span; x += Math.max(1, span / 50)) a.add(x, 0);
        a.add(t + span, 0);
        return a.width();
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
