package io.smbwatch.filter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Equality, order and containment between field values and literals. */
final class Values {
    private Values() {}

    static boolean equal(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) return a.longValue() == b.longValue();
        if (x instanceof String a && y instanceof String b) return a.equals(b);
        if (x instanceof java.time.Instant a && y instanceof java.time.Instant b) return a.equals(b);
        if (x instanceof Guid || y instanceof Guid) return guidText(x) != null && guidText(x).equals(guidText(y));
        if (x instanceof IpValue a && y instanceof IpValue b) return b.covers(a) || a.covers(b);
        byte[] a = bytes(x), b = bytes(y);
        return a != null && b != null && Arrays.equals(a, b);
    }

    /** Order, or null when the two cannot be ordered. */
    static Integer compare(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) return Long.compareUnsigned(a, b);
        if (x instanceof String a && y instanceof String b) return Integer.signum(a.compareTo(b));
        if (x instanceof java.time.Instant a && y instanceof java.time.Instant b) return Integer.signum(a.compareTo(b));
        if (x instanceof java.time.Instant || y instanceof java.time.Instant) return null;
        if (x instanceof Guid || y instanceof Guid) {
            String a = guidText(x), b = guidText(y);
            return a == null || b == null ? null : Integer.signum(a.compareTo(b));
        }
        if (x instanceof IpValue a && y instanceof IpValue b) return a.version() == b.version() ? a.compareTo(b) : null;
        byte[] a = bytes(x), b = bytes(y);
        return a == null || b == null ? null : Integer.signum(Arrays.compareUnsigned(a, b));
    }

    static boolean contains(Object x, Object y) {
        if (x instanceof String a && y instanceof String b) return a.contains(b);
        byte[] a = bytes(x), b = bytes(y);
        if (a == null || b == null) return false;
        outer:
        for (int i = 0; i + b.length <= a.length; i++) {
            for (int j = 0; j < b.length; j++) if (a[i + j] != b[j]) continue outer;
            return true;
        }
        return false;
    }

    private static byte[] bytes(Object o) {
        if (o instanceof byte[] b) return b;
        if (o instanceof String s) return s.getBytes(StandardCharsets.UTF_8);
        return null;
    }

    /** A GUID literal, compared with field text case-insensitively and without braces. */
    record Guid(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    static String guidText(Object o) {
        if (o instanceof Guid g) return g.text;
        if (o instanceof String s) {
            s = s.trim();
            if (s.startsWith("{") && s.endsWith("}")) s = s.substring(1, s.length() - 1);
            return s.toLowerCase(java.util.Locale.ROOT);
        }
        return null;
    }
}
