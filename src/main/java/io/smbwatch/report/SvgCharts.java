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
    // the time series' geometry: width, margins, the messages plot, the gap between, the alerts plot
    private static final int W = 1160, LEFT = 64, RIGHT = 24, TOP = 14, MSG_H = 190, GAP = 34, ALERT_H = 80, BOTTOM = 34;
    private static final int MSG_BASE = TOP + MSG_H, ALERT_TOP = MSG_BASE + GAP, ALERT_BASE = ALERT_TOP + ALERT_H;
    private static final double PLOT_W = W - LEFT - RIGHT;

    /** The minutes of a time series with their counts and x positions. */
    private static final class Series {
        final int n;
        final long[] minute, msgs, alerts;
        final String[] time;            // each minute as the report shows it
        final double[] x;
        final double step;
        long maxMsg = 1, maxAlert = 1;

        Series(JsonNode perMinute) {
            n = perMinute.size();
            minute = new long[n];
            msgs = new long[n];
            alerts = new long[n];
            time = new String[n];
            for (int i = 0; i < n; i++) {
                JsonNode e = perMinute.get(i);
                minute[i] = minuteOf(e.get("minute").asText());
                msgs[i] = e.get("messages").asLong();
                alerts[i] = e.get("alerts").asLong();
                time[i] = Html.shortTime(e.get("minute").asText());
                maxMsg = Math.max(maxMsg, msgs[i]);
                maxAlert = Math.max(maxAlert, alerts[i]);
            }
            step = n == 1 ? 0 : PLOT_W / (n - 1);
            x = new double[n];
            for (int i = 0; i < n; i++) x[i] = n == 1 ? LEFT + PLOT_W / 2 : LEFT + i * step;
        }

        double msgY(int i) {
            return MSG_BASE - MSG_H * (double) msgs[i] / maxMsg;
        }
    }

    static String timeSeries(String id, JsonNode perMinute) {
        StringBuilder b = new StringBuilder();
        b.append("<figure class=\"chart wide\" id=\"").append(esc(id)).append("\">\n<figcaption>SMB messages and alerts per minute")
                .append(" <span class=\"note\">minutes without traffic are left out; dashed lines mark the gaps</span></figcaption>\n");
        int n = perMinute == null ? 0 : perMinute.size();
        if (n == 0) return b.append("<p class=\"empty\">no SMB traffic</p>\n</figure>\n").toString();
        Series s = new Series(perMinute);
        int h = TOP + MSG_H + GAP + ALERT_H + BOTTOM;
        b.append("<svg class=\"series\" width=\"").append(W).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(h).append("\" role=\"img\">\n");
        axis(b, LEFT, W - RIGHT, TOP, MSG_BASE, s.maxMsg, "messages");
        axis(b, LEFT, W - RIGHT, ALERT_TOP, ALERT_BASE, s.maxAlert, "alerts");
        gaps(b, s);
        messages(b, s);
        alerts(b, s);
        ticks(b, s);
        legend(b);
        return b.append("</svg>\n</figure>\n").toString();
    }

    /** A dashed line between two minutes that are not consecutive, labelled with the time left out. */
    private static void gaps(StringBuilder b, Series s) {
        int gapLabels = 0;
        for (int i = 1; i < s.n; i++) {
            long d = s.minute[i] - s.minute[i - 1];
            if (d <= 1 || s.minute[i] == Long.MIN_VALUE || s.minute[i - 1] == Long.MIN_VALUE) continue;
            double gx = (s.x[i] + s.x[i - 1]) / 2;
            b.append("<line class=\"gap\" x1=\"").append(n(gx)).append("\" y1=\"").append(TOP).append("\" x2=\"").append(n(gx))
                    .append("\" y2=\"").append(ALERT_BASE).append("\"/>");
            if (gapLabels++ < 40 && s.step >= 24) {
                b.append("<text class=\"gaplabel\" x=\"").append(n(gx)).append("\" y=\"").append(MSG_BASE + 14)
                        .append("\" text-anchor=\"middle\">+").append(esc(duration(d))).append("</text>");
            }
            b.append('\n');
        }
    }

    /** Messages: area, line, points. */
    private static void messages(StringBuilder b, Series s) {
        int n = s.n;
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) line.append(i == 0 ? "" : " ").append(n(s.x[i])).append(',').append(n(s.msgY(i)));
        b.append("<polygon class=\"area\" points=\"").append(n(s.x[0])).append(',').append(MSG_BASE).append(' ').append(line)
                .append(' ').append(n(s.x[n - 1])).append(',').append(MSG_BASE).append("\"/>\n");
        b.append("<polyline class=\"line\" points=\"").append(line).append("\"/>\n");
        double r = n <= 120 ? 3.5 : n <= 400 ? 2 : 1.2;
        for (int i = 0; i < n; i++) {
            String t = esc(s.time[i]);
            b.append("<circle class=\"pt-msg\" cx=\"").append(n(s.x[i])).append("\" cy=\"").append(n(s.msgY(i)))
                    .append("\" r=\"").append(n(r)).append("\" data-minute=\"").append(t).append("\" data-count=\"").append(s.msgs[i])
                    .append("\"><title>").append(t).append(": ").append(s.msgs[i]).append(" messages</title></circle>\n");
        }
    }

    /** Alerts: one bar per minute (zero-height where none). */
    private static void alerts(StringBuilder b, Series s) {
        double bw = Math.max(1, Math.min(14, (s.n == 1 ? 14 : s.step) * 0.7));
        for (int i = 0; i < s.n; i++) {
            String t = esc(s.time[i]);
            double bh = ALERT_H * (double) s.alerts[i] / s.maxAlert;
            b.append("<rect class=\"pt-alert\" x=\"").append(n(s.x[i] - bw / 2)).append("\" y=\"").append(n(ALERT_BASE - bh))
                    .append("\" width=\"").append(n(bw)).append("\" height=\"").append(n(bh)).append("\" data-minute=\"").append(t)
                    .append("\" data-count=\"").append(s.alerts[i]).append("\"><title>").append(t).append(": ").append(s.alerts[i])
                    .append(" alerts</title></rect>\n");
        }
    }

    /** x labels: about one per 110 px, plus the first and last; the day only when it changes. */
    private static void ticks(StringBuilder b, Series s) {
        int n = s.n;
        int every = Math.max(1, (int) Math.ceil(n / (PLOT_W / 110)));
        String lastDay = "";
        for (int i = 0; i < n; i++) {
            if (i % every != 0 && i != n - 1) continue;
            if (i == n - 1 && i % every != 0 && n > 1 && s.x[i] - s.x[i - i % every] < 90) continue;
            String full = s.time[i];
            String day = full.length() >= 10 ? full.substring(0, 10) : full;
            String label = full.length() >= 16 ? (day.equals(lastDay) ? full.substring(11, 16) : day + " " + full.substring(11, 16)) : full;
            lastDay = day;
            b.append("<text class=\"tick\" x=\"").append(n(s.x[i])).append("\" y=\"").append(ALERT_BASE + 18)
                    .append("\" text-anchor=\"middle\">").append(esc(label)).append("</text>\n");
        }
    }

    private static void legend(StringBuilder b) {
        b.append("<g class=\"legend\"><rect x=\"").append(W - RIGHT - 210).append("\" y=\"").append(TOP).append("\" width=\"12\" height=\"12\" fill=\"#1e88e5\"/>")
                .append("<text x=\"").append(W - RIGHT - 193).append("\" y=\"").append(TOP + 11).append("\">messages</text>")
                .append("<rect x=\"").append(W - RIGHT - 110).append("\" y=\"").append(TOP).append("\" width=\"12\" height=\"12\" fill=\"#e53935\"/>")
                .append("<text x=\"").append(W - RIGHT - 93).append("\" y=\"").append(TOP + 11).append("\">alerts</text></g>\n");
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
