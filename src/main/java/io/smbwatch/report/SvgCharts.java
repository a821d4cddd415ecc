package io.smbwatch.report;

import static io.smbwatch.report.Html.cut;
import static io.smbwatch.report.Html.esc;
import static io.smbwatch.report.Html.n;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Bar charts and the time series of the HTML report, as inline SVG. Every mark carries its number
 * in a {@code data-count} attribute and a {@code <title>} (the browser's tooltip), and bar charts
 * print it too, so the page can be checked against the JSON report it embeds.
 */
final class SvgCharts {
    private SvgCharts() {}

    private static final DateTimeFormatter EVE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ", Locale.ROOT);

    /** A horizontal bar chart of a {name, count} list, in the list's order (largest first). */
    static String bars(String id, String title, String note, JsonNode list, String colour) {
        StringBuilder b = new StringBuilder();
        b.append("<figure class=\"chart\" id=\"").append(esc(id)).append("\">\n<figcaption>").append(esc(title));
        if (note != null) b.append(" <span class=\"note\">").append(esc(note)).append("</span>");
        b.append("</figcaption>\n");
        int rows = list == null ? 0 : list.size();
        if (rows == 0) return b.append("<p class=\"empty\">none</p>\n</figure>\n").toString();
        int w = 560, label = 262, valueW = 56, row = 24, top = 6;
        double max = 1;
        for (JsonNode e : list) max = Math.max(max, e.get("count").asDouble());
        int h = top * 2 + rows * row;
        b.append("<svg class=\"bars\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" role=\"img\">\n");
        int y = top;
        for (JsonNode e : list) {
            String name = e.get("name").asText();
            long count = e.get("count").asLong();
            double len = (w - label - valueW) * count / max;
            b.append("<g class=\"bar\" data-name=\"").append(esc(name)).append("\" data-count=\"").append(count).append("\">")
                    .append("<title>").append(esc(name)).append(": ").append(count).append("</title>")
                    .append("<text class=\"label\" x=\"").append(label - 8).append("\" y=\"").append(y + 16)
                    .append("\" text-anchor=\"end\">").append(esc(cut(name, 34))).append("</text>")
                    .append("<rect x=\"").append(label).append("\" y=\"").append(y + 3).append("\" width=\"").append(n(Math.max(1, len)))
                    .append("\" height=\"").append(row - 6).append("\" rx=\"2\" fill=\"").append(colour).append("\"/>")
                    .append("<text class=\"value\" x=\"").append(n(label + Math.max(1, len) + 6)).append("\" y=\"").append(y + 16)
                    .append("\">").append(count).append("</text></g>\n");
            y += row;
        }
        return b.append("</svg>\n</figure>\n").toString();
    }

    /**
     * Messages (line and points) and alerts (bars) per minute, in two panels sharing the x axis.
     * Only minutes with activity are drawn, evenly spaced; a dashed line marks where idle time (a
     * gap between captures, say) was left out, labelled with its length.
     */
    static String timeSeries(String id, JsonNode perMinute) {
        StringBuilder b = new StringBuilder();
        b.append("<figure class=\"chart wide\" id=\"").append(esc(id)).append("\">\n<figcaption>SMB messages and alerts per minute")
                .append(" <span class=\"note\">minutes without traffic are left out; dashed lines mark the gaps</span></figcaption>\n");
        int n = perMinute == null ? 0 : perMinute.size();
        if (n == 0) return b.append("<p class=\"empty\">no SMB traffic</p>\n</figure>\n").toString();
        int w = 1160, left = 64, right = 24, top = 14, msgH = 190, gap = 34, alertH = 80, bottom = 34;
        int h = top + msgH + gap + alertH + bottom;
        double plotW = w - left - right;
        long[] minute = new long[n], msgs = new long[n], alerts = new long[n];
        long maxMsg = 1, maxAlert = 1;
        for (int i = 0; i < n; i++) {
            JsonNode e = perMinute.get(i);
            minute[i] = minuteOf(e.get("minute").asText());
            msgs[i] = e.get("messages").asLong();
            alerts[i] = e.get("alerts").asLong();
            maxMsg = Math.max(maxMsg, msgs[i]);
            maxAlert = Math.max(maxAlert, alerts[i]);
        }
        double step = n == 1 ? 0 : plotW / (n - 1);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = n == 1 ? left + plotW / 2 : left + i * step;
        int msgBase = top + msgH, alertTop = msgBase + gap, alertBase = alertTop + alertH;
        b.append("<svg class=\"series\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" role=\"img\">\n");
        axis(b, left, w - right, top, msgBase, maxMsg, "messages");
        axis(b, left, w - right, alertTop, alertBase, maxAlert, "alerts");
        // gaps
        int gapLabels = 0;
        for (int i = 1; i < n; i++) {
            long d = minute[i] - minute[i - 1];
            if (d <= 1 || minute[i] == Long.MIN_VALUE || minute[i - 1] == Long.MIN_VALUE) continue;
            double gx = (x[i] + x[i - 1]) / 2;
            b.append("<line class=\"gap\" x1=\"").append(n(gx)).append("\" y1=\"").append(top).append("\" x2=\"").append(n(gx))
                    .append("\" y2=\"").append(alertBase).append("\"/>");
            if (gapLabels++ < 40 && step >= 24) {
                b.append("<text class=\"gaplabel\" x=\"").append(n(gx)).append("\" y=\"").append(msgBase + 14)
                        .append("\" text-anchor=\"middle\">+").append(esc(duration(d))).append("</text>");
            }
            b.append('\n');
        }
        // messages: area, line, points
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) line.append(i == 0 ? "" : " ").append(n(x[i])).append(',').append(n(msgBase - msgH * (double) msgs[i] / maxMsg));
        b.append("<polygon class=\"area\" points=\"").append(n(x[0])).append(',').append(msgBase).append(' ').append(line)
                .append(' ').append(n(x[n - 1])).append(',').append(msgBase).append("\"/>\n");
        b.append("<polyline class=\"line\" points=\"").append(line).append("\"/>\n");
        double r = n <= 120 ? 3.5 : n <= 400 ? 2 : 1.2;
        for (int i = 0; i < n; i++) {
            String t = esc(Html.shortTime(perMinute.get(i).get("minute").asText()));
            b.append("<circle class=\"pt-msg\" cx=\"").append(n(x[i])).append("\" cy=\"").append(n(msgBase - msgH * (double) msgs[i] / maxMsg))
                    .append("\" r=\"").append(n(r)).append("\" data-minute=\"").append(t).append("\" data-count=\"").append(msgs[i])
                    .append("\"><title>").append(t).append(": ").append(msgs[i]).append(" messages</title></circle>\n");
        }
        // alerts: one bar per minute (zero-height where none)
        double bw = Math.max(1, Math.min(14, (n == 1 ? 14 : step) * 0.7));
        for (int i = 0; i < n; i++) {
            String t = esc(Html.shortTime(perMinute.get(i).get("minute").asText()));
            double bh = alertH * (double) alerts[i] / maxAlert;
            b.append("<rect class=\"pt-alert\" x=\"").append(n(x[i] - bw / 2)).append("\" y=\"").append(n(alertBase - bh))
                    .append("\" width=\"").append(n(bw)).append("\" height=\"").append(n(bh)).append("\" data-minute=\"").append(t)
                    .append("\" data-count=\"").append(alerts[i]).append("\"><title>").append(t).append(": ").append(alerts[i])
                    .append(" alerts</title></rect>\n");
        }
        // x labels: about one per 110 px, plus the first and last
        int every = Math.max(1, (int) Math.ceil(n / (plotW / 110)));
        String lastDay = "";
        for (int i = 0; i < n; i++) {
            if (i % every != 0 && i != n - 1) continue;
            if (i == n - 1 && i % every != 0 && n > 1 && x[i] - x[i - i % every] < 90) continue;
            String full = Html.shortTime(perMinute.get(i).get("minute").asText());
            String day = full.length() >= 10 ? full.substring(0, 10) : full;
            String label = full.length() >= 16 ? (day.equals(lastDay) ? full.substring(11, 16) : day + " " + full.substring(11, 16)) : full;
            lastDay = day;
            b.append("<text class=\"tick\" x=\"").append(n(x[i])).append("\" y=\"").append(alertBase + 18)
                    .append("\" text-anchor=\"middle\">").append(esc(label)).append("</text>\n");
        }
        b.append("<g class=\"legend\"><rect x=\"").append(w - right - 210).append("\" y=\"").append(top).append("\" width=\"12\" height=\"12\" fill=\"#1e88e5\"/>")
                .append("<text x=\"").append(w - right - 193).append("\" y=\"").append(top + 11).append("\">messages</text>")
                .append("<rect x=\"").append(w - right - 110).append("\" y=\"").append(top).append("\" width=\"12\" height=\"12\" fill=\"#e53935\"/>")
                .append("<text x=\"").append(w - right - 93).append("\" y=\"").append(top + 11).append("\">alerts</text></g>\n");
        return b.append("</svg>\n</figure>\n").toString();
    }

    private static void axis(StringBuilder b, int x0, int x1, int yTop, int yBase, long max, String what) {
        for (long v : max < 2 ? new long[] {0, max} : new long[] {0, max / 2, max}) {
            double yv = yBase - (yBase - yTop) * (double) v / max;
            b.append("<line class=\"grid\" x1=\"").append(x0).append("\" y1=\"").append(n(yv)).append("\" x2=\"").append(x1)
                    .append("\" y2=\"").append(n(yv)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(x0 - 6).append("\" y=\"").append(n(yv + 4))
                    .append("\" text-anchor=\"end\">").append(v).append("</text>");
        }
        b.append("<text class=\"axis\" transform=\"translate(").append(14).append(',').append((yTop + yBase) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(what).append("</text>\n");
    }

    private static long minuteOf(String eve) {
        try {
            return OffsetDateTime.parse(eve, EVE).toEpochSecond() / 60;
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    static String duration(long minutes) {
        if (minutes < 120) return minutes + " min";
        if (minutes < 2 * 1440) return minutes / 60 + " h";
        if (minutes < 730L * 1440) return minutes / 1440 + " d";
        return String.format(Locale.ROOT, "%.1f y", minutes / (365.25 * 1440));
    }
}
