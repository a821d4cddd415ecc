package io.smbwatch.report;

/** Escaping and small formatting helpers shared by the HTML report's parts. */
final class Html {
    private Html() {}

    /** Escapes text for HTML and SVG text content and for quoted attribute values. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                // control characters shown as the text report writes them (\033, \n): visible, never acted on
                default -> b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : Text.esc(String.valueOf(c)));
            }
        }
        return b.toString();
    }

    /** Cuts a label to at most {@code max} characters (the whole text goes in a title). */
    static String cut(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "\u2026";
    }

    /**
     * JSON made safe inside {@code <script type="application/json">}: '<', '>' and '&' only occur
     * inside JSON strings, where their \\u escapes mean the same, so no "</script>" or "<!--" can
     * end the block early.
     */
    static String scriptJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** "2017-04-16T17:22:00.000000+0000" -> "2017-04-16 17:22:00". */
    static String shortTime(String eve) {
        if (eve == null || eve.length() < 19 || eve.charAt(10) != 'T') return eve == null ? "" : eve;
        return eve.substring(0, 10) + " " + eve.substring(11, 19);
    }

    /** Colour of a severity (1 worst). */
    static String severityColour(int sev) {
        return switch (sev) {
            case 1 -> "#c62828";
            case 2 -> "#ef6c00";
            case 3 -> "#f9a825";
            default -> "#78909c";
        };
    }

    /** Number formatted for SVG coordinates. */
    static String n(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
