package io.smbwatch.output.eve;

/**
 * Text from the wire made safe for a terminal or a line-based log: control characters (C0, DEL,
 * C1), line and paragraph separators and the bidirectional overrides that reorder what a reader
 * sees are written as backslash-x and two hex digits, or backslash-u and the code in braces; everything else, backslashes of Windows
 * paths included, is left as it is.
 */
public final class Printable {
    private Printable() {}

    public static String of(String s) {
        if (s == null) return "";
        int i = 0, n = s.length();
        while (i < n && !unsafe(s.charAt(i))) i++;
        if (i == n) return s;        // the common case copies nothing
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) b.append(c);
            else if (c < 0x100) b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            else b.append("\\u{").append(Integer.toHexString(c)).append('}');
        }
        return b.toString();
    }

    static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
