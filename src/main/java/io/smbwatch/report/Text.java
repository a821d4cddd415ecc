package io.smbwatch.report;

/**
 * Names from a capture made safe for a terminal: control characters are written as tshark writes
 * them ({@code \n}, {@code \r}, {@code \a}, {@code \b}, {@code \t}, octal {@code \033} for ESC,
 * {@code \000} for NUL), so a file or user name cannot move the cursor, recolour the terminal or
 * forge a line of the report. C1 controls, line separators and the bidirectional overrides become {@code \\uXXXX}.
 */
final class Text {
    private Text() {}

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String e = escape(c);
            if (e == null) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
            b.append(e);
        }
        return b == null ? s : b.toString();
    }

    private static String escape(char c) {
        if (c >= 0x20 && c < 0x7f) return null;
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 0x07 -> "\\a";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case 0x0b -> "\\v";
            default -> {
                if (c < 0x20 || c == 0x7f) yield String.format("\\%03o", (int) c);
                if (c >= 0x80 && c <= 0x9f || c == 0x2028 || c == 0x2029 || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
                    yield String.format("\\u%04x", (int) c);
                }
                yield null;
            }
        };
    }
}
