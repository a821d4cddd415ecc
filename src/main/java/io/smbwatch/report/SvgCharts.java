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
     * Messages (line and points) and alerts (bars) over time, in two panels sharing a true time
     * axis: one mark per bin of the JSON report's width, empty bins at zero (never a line drawn
     * straight over a quiet stretch).
     */
    // the time series' geometry: width, margins, the messages plot, the gap between, the alerts plot
    private static final int W = 1160, LEFT = 64, RIGHT = 30, TOP = 22, MSG_H = 190, GAP = 26, ALERT_H = 80, BOTTOM = 46;
    private static final int MSG_BASE = TOP + MSG_H, ALERT_TOP = MSG_BASE + GAP, ALERT_BASE = ALERT_TOP + ALERT_H;
    private static final double PLOT_W = W - LEFT - RIGHT;
    /** Tick steps (seconds): about eight labels whatever the span. */
    private static final long[] TICKS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
            86400, 172800, 604800, 1209600, 2592000, 7776000, 15552000, 31536000, 63072000, 157680000, 315360000};

    /** The bins of a time series with their counts, on a time axis from the first bin's start to the last one's end. */
    private static final class Series {
        final int n;
        final long width, t0, t1;
        final long[] start, msgs, alerts;
        final String[] time;            // each bin's start as the report shows it
        long maxMsg = 1, maxAlert = 1;

        Series(JsonNode activity) {
            JsonNode bins = activity.path("bins");
            n = bins.size();
            width = Math.max(1, activity.path("bin_seconds").asLong(1));
            start = new long[n];
            msgs = new long[n];
            alerts = new long[n];
            time = new String[n];
            for (int i = 0; i < n; i++) {
                JsonNode e = bins.get(i);
                start[i] = secondsOf(e.path("start").asText(), i == 0 ? 0 : start[i - 1] + width);
                msgs[i] = e.path("messages").asLong();
                alerts[i] = e.path("alerts").asLong();
                time[i] = Html.shortTime(e.path("start").asText());
                maxMsg = Math.max(maxMsg, msgs[i]);
                maxAlert = Math.max(maxAlert, alerts[i]);
            }
            t0 = start[0];
            t1 = Math.max(start[n - 1] + width, t0 + 1);
        }

        double x(double t) {
            return LEFT + PLOT_W * (t - t0) / (t1 - t0);
        }

        double msgY(int i) {
            return MSG_BASE - MSG_H * (double) msgs[i] / maxMsg;
        }
    }

    static String timeSeries(String id, JsonNode activity) {
        StringBuilder b = new StringBuilder();
        int n = activity == null ? 0 : activity.path("bins").size();
        String per = n == 0 ? "" : Activity.name(Math.max(1, activity.path("bin_seconds").asLong(1)));
        b.append("<figure class=\"chart wide\" id=\"").append(esc(id)).append("\">\n<figcaption>SMB messages and alerts")
                .append(n == 0 ? "" : " per " + per).append(" <span class=\"note\">bin width from the span: ").append(n)
                .append(n == 1 ? " bin" : " bins").append(" of ").append(per).append("; empty bins are zero</span></figcaption>\n");
        if (n == 0) return b.append("<p class=\"empty\">no SMB traffic</p>\n</figure>\n").toString();
        Series s = new Series(activity);
        int h = ALERT_BASE + BOTTOM;
        b.append("<svg class=\"series\" width=\"").append(W).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(h).append("\" role=\"img\" data-bin-seconds=\"")
                .append(s.width).append("\">\n");
        axis(b, LEFT, W - RIGHT, TOP, MSG_BASE, s.maxMsg, "messages");
        axis(b, LEFT, W - RIGHT, ALERT_TOP, ALERT_BASE, s.maxAlert, "alerts");
        ticks(b, s);
        messages(b, s);
        alerts(b, s);
        legend(b);
        return b.append("</svg>\n</figure>\n").toString();
    }

    /** Messages: area, line and a point at the middle of every bin, empty ones at zero. */
    private static void messages(StringBuilder b, Series s) {
        int n = s.n;
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) line.append(i == 0 ? "" : " ").append(n(s.x(s.start[i] + s.width / 2.0))).append(',').append(n(s.msgY(i)));
        double xa = s.x(s.start[0] + s.width / 2.0), xb = s.x(s.start[n - 1] + s.width / 2.0);
        b.append("<polygon class=\"area\" points=\"").append(n(xa)).append(',').append(MSG_BASE).append(' ').append(line)
                .append(' ').append(n(xb)).append(',').append(MSG_BASE).append("\"/>\n");
        b.append("<polyline class=\"line\" points=\"").append(line).append("\"/>\n");
        for (int i = 0; i < n; i++) {
            String t = esc(s.time[i]);
            double r = s.msgs[i] == 0 ? 1.5 : n <= 60 ? 3.5 : 2.5;
            b.append("<circle class=\"pt-msg\" cx=\"").append(n(s.x(s.start[i] + s.width / 2.0))).append("\" cy=\"").append(n(s.msgY(i)))
                    .append("\" r=\"").append(n(r)).append("\" data-start=\"").append(t).append("\" data-count=\"").append(s.msgs[i])
                    .append("\"><title>").append(t).append(" (").append(Activity.name(s.width)).append("): ").append(s.msgs[i])
                    .append(" messages</title></circle>\n");
        }
    }

    /** Alerts: one bar per bin, inside the bin and the alerts panel (zero-height where none). */
    private static void alerts(StringBuilder b, Series s) {
        for (int i = 0; i < s.n; i++) {
            String t = esc(s.time[i]);
            double xa = s.x(s.start[i]), xb = s.x(s.start[i] + s.width), pad = Math.min(3, (xb - xa) * 0.15);
            double bh = ALERT_H * (double) s.alerts[i] / s.maxAlert;
            b.append("<rect class=\"pt-alert\" x=\"").append(n(xa + pad)).append("\" y=\"").append(n(ALERT_BASE - bh))
                    .append("\" width=\"").append(n(Math.max(1, xb - xa - 2 * pad))).append("\" height=\"").append(n(bh))
                    .append("\" data-start=\"").append(t).append("\" data-count=\"").append(s.alerts[i]).append("\"><title>").append(t)
                    .append(" (").append(Activity.name(s.width)).append("): ").append(s.alerts[i]).append(" alerts</title></rect>\n");
        }
    }

    /**
     * Time labels under the alerts panel at round times (about eight), each with a grid line: the
     * time, and under it the date where the day changes; kept inside the chart at both ends.
     */
    private static void ticks(StringBuilder b, Series s) {
        long span = s.t1 - s.t0, step = TICKS[TICKS.length - 1];
        for (long t : TICKS) if (span / t <= 8) { step = t; break; }
        String lastDay = "";
        for (long t = Math.floorDiv(s.t0 + step - 1, step) * step; t <= s.t1; t += step) {
            String iso = Html.shortTime(io.smbwatch.capture.Timestamps.iso(t, 0));
            String day = iso.length() >= 10 ? iso.substring(0, 10) : iso;
            String time = step >= 86400 ? day : iso.substring(11, step < 60 ? 19 : 16);
            String date = step < 86400 && !day.equals(lastDay) ? day : null;
            lastDay = day;
            double x = s.x(t), half = 3.4 * Math.max(time.length(), date == null ? 0 : date.length());
            String anchor = x - half < 2 ? "start" : x + half > W - 2 ? "end" : "middle";
            b.append("<line class=\"grid\" x1=\"").append(n(x)).append("\" y1=\"").append(TOP).append("\" x2=\"").append(n(x))
                    .append("\" y2=\"").append(ALERT_BASE).append("\"/>");
            b.append("<text class=\"tick time\" x=\"").append(n(x)).append("\" y=\"").append(ALERT_BASE + 16)
                    .append("\" text-anchor=\"").append(anchor).append("\">").append(esc(time)).append("</text>");
            if (date != null) {
                b.append("<text class=\"tick date\" x=\"").append(n(x)).append("\" y=\"").append(ALERT_BASE + 31)
                        .append("\" text-anchor=\"").append(anchor).append("\">").append(esc(date)).append("</text>");
            }
            b.append('\n');
        }
    }

    /** Above the plots, right-aligned: nothing drawn under it. */
    private static void legend(StringBuilder b) {
        int y = TOP - 18;
        b.append("<g class=\"legend\"><rect x=\"").append(W - RIGHT - 170).append("\" y=\"").append(y).append("\" width=\"12\" height=\"12\" fill=\"#1e88e5\"/>")
                .append("<text x=\"").append(W - RIGHT - 153).append("\" y=\"").append(y + 11).append("\">messages</text>")
                .append("<rect x=\"").append(W - RIGHT - 70).append("\" y=\"").append(y).append("\" width=\"12\" height=\"12\" fill=\"#e53935\"/>")
                .append("<text x=\"").append(W - RIGHT - 53).append("\" y=\"").append(y + 11).append("\">alerts</text></g>\n");
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

    private static long secondsOf(String eve, long otherwise) {
        try {
            return OffsetDateTime.parse(eve, EVE).toEpochSecond();
        } catch (RuntimeException e) {
            return otherwise;
        }
    }
}
