package io.smbwatch.filter;

import io.smbwatch.filter.Lexer.Kind;
import io.smbwatch.filter.Lexer.Token;
import io.smbwatch.proto.smb.NtStatus;
import io.smbwatch.proto.smb.Smb1Commands;
import io.smbwatch.proto.smb.Smb2Commands;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a literal as the type of the field it is compared with. */
final class Literals {
    private Literals() {}

    private static final Pattern GUID = Pattern.compile(
            "\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}?");
    private static final Pattern BYTES = Pattern.compile("[0-9a-fA-F]{1,2}([:.-][0-9a-fA-F]{1,2})*");

    static Object convert(Token t, Operand lhs, String text, boolean contains) throws FilterException {
        FieldType type = lhs.type();
        String v = t.text();
        try {
            switch (type) {
                case STRING:
                    return v;
                case BYTES:
                    if (t.kind() == Kind.STRING) return v.getBytes(StandardCharsets.UTF_8);
                    if (t.kind() == Kind.WORD && BYTES.matcher(v).matches()) return bytes(v);
                    throw new IllegalArgumentException(Lexer.quote(v) + " is not a byte string (aa:bb:cc)");
                case UINT:
                    return integer(t, lhs);
                case BOOLEAN:
                    if (t.kind() == Kind.WORD && v.equalsIgnoreCase("true")) return 1L;
                    if (t.kind() == Kind.WORD && v.equalsIgnoreCase("false")) return 0L;
                    return integer(t, lhs) != 0 ? 1L : 0L;
                case IPV4:
                case IPV6:
                    return address(v, type);
                case TIME:
                    return Times.parse(v);
                case GUID:
                    if (!GUID.matcher(v).matches()) throw new IllegalArgumentException(Lexer.quote(v) + " is not a GUID (12345778-1234-abcd-ef00-0123456789ab)");
                    return new Values.Guid(Values.guidText(v));
                default:
                    throw new IllegalArgumentException(lhs + " cannot be compared with a value");
            }
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            String hint = t.kind() == Kind.WORD && v.indexOf('.') > 0 && Character.isLetter(v.charAt(0)) ? FieldRegistry.suggest(v) : null;
            if (hint != null) msg += "; did you mean the field \"" + hint + "\"?";
            throw new FilterException(msg, text, t.pos() + 1, t.length());
        }
    }

    private static long integer(Token t, Operand lhs) {
        String v = t.text();
        if (t.kind() == Kind.CHAR) return v.codePointAt(0);
        if (t.kind() == Kind.WORD && !v.isEmpty() && (Character.isDigit(v.charAt(0)) || v.charAt(0) == '-')) {
            return number(v, lhs);
        }
        Long named = lhs instanceof Operand.Field f ? valueName(f.field.name(), v) : null;
        if (named != null) return named;
        throw new IllegalArgumentException(Lexer.quote(v) + " is not an integer, nor among the possible values of " + lhs);
    }

    static long number(String v, Object lhs) {
        boolean neg = v.startsWith("-");
        String d = neg ? v.substring(1) : v;
        int radix = 10;
        if (d.startsWith("0x") || d.startsWith("0X")) {
            radix = 16;
            d = d.substring(2);
        } else if (d.startsWith("0b") || d.startsWith("0B")) {
            radix = 2;
            d = d.substring(2);
        } else if (d.length() > 1 && d.startsWith("0")) {
            radix = 8;
            d = d.substring(1);
        }
        BigInteger b;
        try {
            if (d.isEmpty() || d.startsWith("-") || d.startsWith("+")) throw new NumberFormatException();
            b = new BigInteger(d, radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Lexer.quote(v) + " is not a valid integer (decimal, 0x hex, 0 octal, 0b binary)");
        }
        if (neg && b.signum() != 0) throw new IllegalArgumentException(Lexer.quote(v) + " is negative; " + lhs + " is unsigned");
        if (b.bitLength() > 64) throw new IllegalArgumentException(Lexer.quote(v) + " does not fit in 64 bits");
        return b.longValue();
    }

    private static byte[] bytes(String v) {
        String[] parts = v.split("[:.-]");
        if (parts.length == 1 && v.length() == 2) return new byte[] {(byte) Integer.parseInt(v, 16)};
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) b[i] = (byte) Integer.parseInt(parts[i], 16);
        return b;
    }

    static IpValue address(String v, FieldType type) {
        int slash = v.indexOf('/');
        String a = slash < 0 ? v : v.substring(0, slash);
        IpValue host = type == FieldType.IPV4 ? ipv4(a) : ipv6(a);
        if (host == null) {
            throw new IllegalArgumentException(Lexer.quote(v) + " is not an " + type.label + (type == FieldType.IPV4 ? " (a.b.c.d or a.b.c.d/n)" : "")
                    + " (smbwatch resolves no host names)");
        }
        if (slash < 0) return host;
        int bits;
        try {
            bits = Integer.parseInt(v.substring(slash + 1));
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0 || bits > host.bits()) throw new IllegalArgumentException("bad prefix length in " + Lexer.quote(v));
        return new IpValue(host.version(), host.hi(), host.lo(), bits);
    }

    private static IpValue ipv4(String a) {
        String[] p = a.split("\\.", -1);
        if (p.length != 4) return null;
        long lo = 0;
        for (String x : p) {
            if (x.isEmpty() || x.length() > 3 || !x.chars().allMatch(Character::isDigit)) return null;
            int n = Integer.parseInt(x);
            if (n > 255) return null;
            lo = lo << 8 | n;
        }
        return IpValue.host(4, 0, lo);
    }

    private static IpValue ipv6(String a) {
        if (a.indexOf(':') < 0 || !a.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) return null;
        try {
            byte[] b = java.net.InetAddress.getByName(a).getAddress();   // a literal: no lookup
            if (b.length != 16) return null;
            long hi = 0, lo = 0;
            for (int i = 0; i < 8; i++) hi = hi << 8 | (b[i] & 0xff);
            for (int i = 8; i < 16; i++) lo = lo << 8 | (b[i] & 0xff);
            return IpValue.host(6, hi, lo);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private static volatile Map<String, Long> ntStatusNames;

    /** Wireshark value-string names: smb.cmd / smb2.cmd command names, NT status names. */
    static Long valueName(String field, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (field) {
            case "smb2.cmd":
                for (int c = 0; c < 256; c++) {
                    String s = Smb2Commands.name(c);
                    if (s != null && s.toLowerCase(Locale.ROOT).equals(n)) return (long) c;
                }
                return null;
            case "smb.cmd":
                for (int c = 0; c < 256; c++) {
                    String s = Smb1Commands.name(c);
                    if (s != null && s.toLowerCase(Locale.ROOT).equals(n)) return (long) c;
                }
                return null;
            case "smb.nt_status":
            case "smb2.nt_status":
                return ntStatus().get(n);
            default:
                return null;
        }
    }

    private static Map<String, Long> ntStatus() {
        Map<String, Long> m = ntStatusNames;
        if (m != null) return m;
        m = new HashMap<>();
        int[] highs = {0x0000, 0x4000, 0x4001, 0x8000, 0x8001, 0xC000, 0xC001, 0xC002, 0xC003, 0xC004, 0xC005, 0xC00A,
                       0xC013, 0xC015, 0xC01C, 0xC01D, 0xC01E, 0xC023, 0xC026, 0xC03A};
        for (int h : highs) {
            for (int lo = 0; lo < 0x10000; lo++) {
                int code = h << 16 | lo;
                String s = NtStatus.name(code);
                if (s != null) m.putIfAbsent(s.toLowerCase(Locale.ROOT), code & 0xffffffffL);
            }
        }
        ntStatusNames = m;
        return m;
    }
}
