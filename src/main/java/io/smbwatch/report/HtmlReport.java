package io.smbwatch.report;

import static io.smbwatch.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attribution report as one self-contained HTML page: inline CSS and inline SVG drawn here, no
 * script, nothing fetched (a Content-Security-Policy forbids it). The page is drawn from the JSON
 * report itself, which it embeds in {@code <script type="application/json" id="report">}, so
 * every number shown is the JSON report's. All text from the capture is escaped.
 */
public final class HtmlReport {
    private HtmlReport() {}

    static final String NO_HASH = "n/a";

    /** Writes the page for what {@code r} gathered from {@code captures}. */
    public static void write(ReportBuilder r, List<String> captures, OutputStream out) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ReportWriter.json(r, captures, json);
        String text = json.toString(StandardCharsets.UTF_8);
        out.write(render(new ObjectMapper().readTree(text), text).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The page for a JSON report ({@code json} is its text, {@code rep} the same parsed). */
    static String render(JsonNode rep, String json) {
        StringBuilder b = new StringBuilder(64 * 1024);
        JsonNode charts = rep.path("charts"), totals = rep.path("totals"), sources = rep.path("sources");
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>smbwatch report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        b.append("<header><h1>smbwatch report</h1>\n<p class=\"captures\">");
        for (JsonNode c : rep.path("captures")) b.append("<code class=\"capture\">").append(esc(c.asText())).append("</code> ");
        b.append("</p>\n<div class=\"cards\">\n");
        card(b, "total-messages", "SMB/DCERPC messages", totals.path("messages").asLong());
        card(b, "total-alerts", "alerts", totals.path("alerts").asLong());
        card(b, "total-incidents", "incidents", totals.path("incidents").asLong());
        card(b, "total-sources", "source hosts", sources.size());
        b.append("</div>\n</header>\n");

        b.append("<section><h2>Activity</h2>\n").append(SvgCharts.timeSeries("chart-activity", charts.path("activity"))).append("</section>\n");
        b.append("<section><h2>Who talks to SMB</h2>\n<div class=\"grid\">\n")
                .append(SvgCharts.bars("chart-top-talkers", "Top talkers to SMB", "messages sent, by client", charts.path("top_talkers_to_smb"), "#1e88e5"))
                .append(SvgCharts.bars("chart-top-targets", "Top SMB targets", "messages received, by server", charts.path("top_smb_targets"), "#43a047"))
                .append("</div>\n<div class=\"grid\">\n")
                .append(SvgCharts.bars("chart-failed-logons", "Failed logons per source", "session setups refused", charts.path("failed_logons"), "#e53935"));
        accounts(b, sources);
        b.append("</div>\n</section>\n");

        Map<String, Integer> severity = new HashMap<>();
        for (JsonNode s : sources) if (s.has("severity")) severity.put(s.path("address").asText(), s.path("severity").asInt());
        b.append("<section><h2>Attacks</h2>\n").append(AttackGraph.svg("chart-attack-graph", charts.path("attack_edges"), severity));
        incidents(b, sources);
        b.append("</section>\n");

        b.append("<section><h2>Protocol</h2>\n<div class=\"grid\">\n")
                .append(SvgCharts.bars("chart-commands", "Commands", "requests and responses", charts.path("commands"), "#5e35b1"))
                .append(SvgCharts.bars("chart-statuses", "Status codes", "in responses", charts.path("statuses"), "#fb8c00"))
                .append("</div>\n</section>\n");

        b.append("<section><h2>Files moved</h2>\n");
        files(b, sources);
        b.append("</section>\n");

        b.append("<footer>Made by smbwatch. The data behind this page is embedded as JSON (<code>script#report</code>), ")
                .append("the same as <code>smbwatch report --json</code> prints.</footer>\n</main>\n")
                .append("<script type=\"application/json\" id=\"report\">\n").append(Html.scriptJson(json.strip()))
                .append("\n</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void card(StringBuilder b, String id, String what, long value) {
        b.append("<div class=\"card\" id=\"").append(id).append("\" data-count=\"").append(value).append("\"><span class=\"num\">")
                .append(value).append("</span><span class=\"what\">").append(esc(what)).append("</span></div>\n");
    }

    private static void accounts(StringBuilder b, JsonNode sources) {
        b.append("<figure class=\"chart\" id=\"table-accounts\"><figcaption>Accounts tried</figcaption>\n");
        StringBuilder rows = new StringBuilder();
        for (JsonNode s : sources) {
            for (JsonNode a : s.path("accounts")) {
                long refused = a.path("refused").asLong();
                rows.append("<tr class=\"account").append(refused > 0 ? " refused" : "").append("\"><td>").append(esc(s.path("address").asText()))
                        .append("</td><td>").append(esc(a.path("account").asText())).append("</td><td class=\"n\">").append(a.path("ok").asLong())
                        .append("</td><td class=\"n\">").append(refused).append("</td></tr>\n");
            }
        }
        if (rows.length() == 0) b.append("<p class=\"empty\">no session setups seen</p>\n");
        else b.append("<div class=\"scroll\"><table><thead><tr><th>source</th><th>account</th><th>ok</th><th>refused</th></tr></thead><tbody>\n")
                .append(rows).append("</tbody></table></div>\n");
        b.append("</figure>\n");
    }

    private static void incidents(StringBuilder b, JsonNode sources) {
        b.append("<figure class=\"chart wide\" id=\"table-incidents\"><figcaption>Incidents <span class=\"note\">worst source first</span></figcaption>\n");
        StringBuilder rows = new StringBuilder();
        for (JsonNode s : sources) {
            for (JsonNode i : s.path("incidents")) {
                int sev = i.path("severity").asInt();
                rows.append("<tr class=\"incident\" data-id=\"").append(i.path("id").asLong()).append("\"><td><span class=\"sev\" style=\"background:")
                        .append(Html.severityColour(sev)).append("\">").append(sev).append("</span></td><td class=\"src\">").append(esc(s.path("address").asText()))
                        .append("</td><td>").append(esc(i.path("title").asText())).append("<br><small>").append(esc(i.path("kind").asText()))
                        .append("</small></td><td class=\"n\">").append(i.path("count").asLong()).append("</td><td class=\"t\" title=\"")
                        .append(esc(i.path("first_seen").asText())).append("\">").append(esc(Html.shortTime(i.path("first_seen").asText())))
                        .append("</td><td class=\"t\" title=\"").append(esc(i.path("last_seen").asText())).append("\">")
                        .append(esc(Html.shortTime(i.path("last_seen").asText()))).append("</td><td>").append(esc(i.path("story").asText()))
                        .append("</td></tr>\n");
            }
        }
        if (rows.length() == 0) b.append("<p class=\"empty\">no incidents</p>\n");
        else b.append("<table><thead><tr><th>sev</th><th>source</th><th>incident</th><th>alerts</th><th>first seen</th><th>last seen</th>")
                .append("<th>story</th></tr></thead><tbody>\n").append(rows).append("</tbody></table>\n");
        b.append("</figure>\n");
    }

    private static void files(StringBuilder b, JsonNode sources) {
        b.append("<figure class=\"chart wide\" id=\"table-files\"><figcaption>Files read and written <span class=\"note\">")
                .append("transfers rebuilt from Read and Write data, with their SHA-256; created: opened to create or overwrite, no data seen; ")
                .append("named pipes are not listed</span></figcaption>\n");
        StringBuilder rows = new StringBuilder();
        for (JsonNode s : sources) {
            for (JsonNode f : s.path("files")) {
                String access = f.path("access").asText();
                rows.append("<tr class=\"file ").append(esc(access)).append("\"><td>").append(esc(s.path("address").asText()))
                        .append("</td><td>").append(esc(access)).append("</td><td class=\"path\">").append(esc(f.path("path").asText()))
                        .append("</td><td class=\"n\">").append(f.has("size") ? Long.toString(f.path("size").asLong()) : "")
                        .append("</td><td class=\"n\">").append(f.path("frame").asLong())
                        .append("</td><td class=\"hash\">").append(esc(f.has("sha256") ? f.path("sha256").asText() : NO_HASH)).append("</td></tr>\n");
            }
        }
        if (rows.length() == 0) b.append("<p class=\"empty\">no files read or written</p>\n");
        else b.append("<table><thead><tr><th>source</th><th>access</th><th>path</th><th>bytes</th><th>first frame</th><th>SHA-256</th></tr></thead><tbody>\n")
                .append(rows).append("</tbody></table>\n");
        b.append("</figure>\n");
    }

    private static final String CSS = """
            body{margin:0;background:#f3f4f6;color:#1f2933;font:14px/1.45 system-ui,-apple-system,"Segoe UI","DejaVu Sans",Arial,sans-serif}
            main{max-width:1220px;margin:0 auto;padding:18px 24px 40px}
            h1{font-size:24px;margin:0 0 4px}
            h2{font-size:17px;margin:26px 0 10px;color:#364152;border-bottom:2px solid #d5dae1;padding-bottom:4px}
            .captures code{background:#e4e7eb;border-radius:3px;padding:1px 5px;margin-right:4px;font-size:12px}
            .cards{display:flex;gap:14px;margin:14px 0 4px}
            .card{background:#fff;border:1px solid #d5dae1;border-radius:6px;padding:10px 18px;min-width:150px}
            .card .num{display:block;font-size:26px;font-weight:600}
            .card .what{color:#616e7c;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
            .grid{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin-bottom:16px}
            figure.chart{background:#fff;border:1px solid #d5dae1;border-radius:6px;margin:0;padding:10px 14px;min-width:0}
            figure.wide{margin-bottom:16px}
            figcaption{font-weight:600;margin-bottom:6px}
            .note{font-weight:400;color:#7b8794;font-size:12px;margin-left:6px}
            .empty{color:#7b8794;font-style:italic}
            svg{max-width:100%;height:auto;display:block}
            svg text{font-size:12px;fill:#323f4b}
            svg .value,svg .edgelabel{fill:#52606d;font-weight:600}
            svg .bar .label{font-size:11.5px}
            svg .tick{fill:#7b8794;font-size:11px}
            svg .axis,svg .colhead{fill:#52606d;font-size:12px;font-weight:600}
            svg .grid{stroke:#e4e7eb;stroke-width:1}
            svg .gap{stroke:#9aa5b1;stroke-width:1;stroke-dasharray:4 3}
            svg .gaplabel{fill:#7b8794;font-size:10px}
            svg .area{fill:#1e88e5;fill-opacity:.12;stroke:none}
            svg .line{fill:none;stroke:#1e88e5;stroke-width:2}
            svg .pt-msg{fill:#1e88e5;stroke:#fff;stroke-width:1}
            svg .pt-alert{fill:#e53935}
            svg .edge path{fill:none;stroke:#90a4ae;stroke-opacity:.85}
            svg .edge:hover path{stroke:#37474f}
            table{border-collapse:collapse;width:100%;font-size:13px}
            th{text-align:left;color:#52606d;font-weight:600;border-bottom:2px solid #d5dae1;padding:4px 8px}
            td{border-bottom:1px solid #e4e7eb;padding:4px 8px;vertical-align:top;overflow-wrap:anywhere}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            td.t,td.src{white-space:nowrap;font-variant-numeric:tabular-nums}
            td.path,td.hash{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}
            tr.refused td:last-child{color:#c62828;font-weight:600}
            .sev{display:inline-block;min-width:18px;text-align:center;color:#fff;border-radius:9px;font-weight:600;padding:0 4px}
            .scroll{max-height:300px;overflow:auto}
            footer{margin-top:28px;color:#7b8794;font-size:12px}
            """;
}
