package io.smbwatch.report;

import static io.smbwatch.report.Html.cut;
import static io.smbwatch.report.Html.esc;
import static io.smbwatch.report.Html.n;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attack graph as inline SVG, in two columns: attacking sources on the left, their targets on
 * the right, one arrow per "src -> dst" edge of the JSON report, as thick as its alert count. A
 * host that both attacks and is attacked appears in both columns (an attack on itself, over
 * loopback, is a straight arrow across).
 */
final class AttackGraph {
    private AttackGraph() {}

    static final String SEP = " -> ";

    static String svg(String id, JsonNode edges, Map<String, Integer> severity) {
        StringBuilder b = new StringBuilder();
        b.append("<figure class=\"chart wide\" id=\"").append(esc(id)).append("\">\n<figcaption>Attack graph")
                .append(" <span class=\"note\">source \u2192 target, arrow width by alerts; sources coloured by worst incident severity</span></figcaption>\n");
        int ne = edges == null ? 0 : edges.size();
        if (ne == 0) return b.append("<p class=\"empty\">no alerts with a target</p>\n</figure>\n").toString();
        // nodes, most alerts first
        Map<String, Long> srcs = new LinkedHashMap<>(), dsts = new LinkedHashMap<>();
        List<String[]> pairs = new ArrayList<>();
        long max = 1;
        for (JsonNode e : edges) {
            String name = e.get("name").asText();
            int k = name.indexOf(SEP);
            String s = k < 0 ? name : name.substring(0, k), d = k < 0 ? "?" : name.substring(k + SEP.length());
            long c = e.get("count").asLong();
            srcs.merge(s, c, Long::sum);
            dsts.merge(d, c, Long::sum);
            pairs.add(new String[] {s, d, Long.toString(c)});
            max = Math.max(max, c);
        }
        List<String> left = sorted(srcs), right = sorted(dsts);
        int w = 1160, row = 40, top = 30, colL = 330, colR = w - 330;
        int h = top * 2 + Math.max(left.size(), right.size()) * row;
        Map<String, Double> yl = place(left, top, row, h), yr = place(right, top, row, h);
        b.append("<svg class=\"graph\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" role=\"img\">\n")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"12\" markerHeight=\"12\"")
                .append(" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#546e7a\"/></marker></defs>\n")
                .append("<text class=\"colhead\" x=\"").append(colL).append("\" y=\"16\" text-anchor=\"middle\">sources</text>")
                .append("<text class=\"colhead\" x=\"").append(colR).append("\" y=\"16\" text-anchor=\"middle\">targets</text>\n");
        int r = 8;
        for (String[] p : pairs) {
            double y1 = yl.get(p[0]), y2 = yr.get(p[1]);
            long c = Long.parseLong(p[2]);
            double sw = 1.5 + 6.0 * c / max;
            double x1 = colL + r + 2, x2 = colR - r - 3, mx = (x1 + x2) / 2;
            b.append("<g class=\"edge\" data-src=\"").append(esc(p[0])).append("\" data-dst=\"").append(esc(p[1]))
                    .append("\" data-count=\"").append(c).append("\"><title>").append(esc(p[0])).append(" \u2192 ").append(esc(p[1]))
                    .append(": ").append(c).append(c == 1 ? " alert" : " alerts").append("</title>")
                    .append("<path d=\"M").append(n(x1)).append(',').append(n(y1)).append(" C").append(n(mx)).append(',').append(n(y1))
                    .append(' ').append(n(mx)).append(',').append(n(y2)).append(' ').append(n(x2)).append(',').append(n(y2))
                    .append("\" stroke-width=\"").append(n(sw)).append("\" marker-end=\"url(#arrow)\"/>");
            if (ne <= 40) {
                double ly = (y1 + y2) / 2;
                b.append("<text class=\"edgelabel\" x=\"").append(n(mx)).append("\" y=\"").append(n(ly - 5))
                        .append("\" text-anchor=\"middle\">").append(c).append("</text>");
            }
            b.append("</g>\n");
        }
        for (String s : left) node(b, "src", s, colL, yl.get(s), r, Html.severityColour(severity.getOrDefault(s, 9)), srcs.get(s), "end");
        for (String d : right) node(b, "dst", d, colR, yr.get(d), r, "#546e7a", dsts.get(d), "start");
        return b.append("</svg>\n</figure>\n").toString();
    }

    private static void node(StringBuilder b, String kind, String name, int x, double y, int r, String fill, long alerts, String anchor) {
        int tx = "end".equals(anchor) ? x - r - 8 : x + r + 8;
        b.append("<g class=\"node ").append(kind).append("\" data-name=\"").append(esc(name)).append("\" data-count=\"").append(alerts)
                .append("\"><title>").append(esc(name)).append(": ").append(alerts).append(alerts == 1 ? " alert" : " alerts")
                .append(kind.equals("src") ? " raised" : " against it").append("</title>")
                .append("<circle cx=\"").append(x).append("\" cy=\"").append(n(y)).append("\" r=\"").append(r).append("\" fill=\"").append(fill).append("\"/>")
                .append("<text x=\"").append(tx).append("\" y=\"").append(n(y + 4)).append("\" text-anchor=\"").append(anchor).append("\">")
                .append(esc(cut(name, 40))).append("</text></g>\n");
    }

    private static List<String> sorted(Map<String, Long> m) {
        List<String> l = new ArrayList<>(m.keySet());
        l.sort((a, c) -> Long.compare(m.get(c), m.get(a)) != 0 ? Long.compare(m.get(c), m.get(a)) : a.compareTo(c));
        return l;
    }

    /** Spreads a column's nodes evenly over the height, centred. */
    private static Map<String, Double> place(List<String> col, int top, int row, int h) {
        Map<String, Double> y = new LinkedHashMap<>();
        double used = col.size() * row, start = (h - used) / 2 + row / 2.0;
        for (int i = 0; i < col.size(); i++) y.put(col.get(i), start + i * row);
        return y;
    }
}
