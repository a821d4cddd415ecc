package io.smbwatch.output.zeek;

import io.smbwatch.flow.Flow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One Zeek-format TSV log (Zeek's ASCII writer): the header lines (#separator, #set_separator,
 * #empty_field, #unset_field, #path, #open, #fields, #types), one line per record, #close.
 * Values are escaped as Zeek escapes them: a backslash doubled, tab and non-printable bytes as
 * \xNN, an empty string as "(empty)", an unset value as "-".
 */
public final class ZeekLog implements AutoCloseable {
    private static final DateTimeFormatter OPEN = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
    public static final String UNSET = "-";

    private final BufferedWriter out;
    private final int columns;
    private long lastSeconds;
    private boolean any;

    public ZeekLog(Path file, String path, String[] fields, String[] types) throws IOException {
        if (fields.length != types.length) throw new IllegalArgumentException("fields and types differ in length");
        this.columns = fields.length;
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n");
        out.write("#path\t" + path + "\n");
        out.write("#open\t" + OPEN.format(Instant.now()) + "\n");
        out.write("#fields\t" + String.join("\t", fields) + "\n");
        out.write("#types\t" + String.join("\t", types) + "\n");
    }

    /** Writes one record; values are Strings (escaped), Numbers, Booleans (T/F) or null (unset). */
    public void row(Object... values) {
        if (values.length != columns) throw new IllegalArgumentException(values.length + " values for " + columns + " columns");
        StringBuilder sb = new StringBuilder(128);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append('\t');
            Object v = values[i];
            if (v == null) sb.append(UNSET);
            else if (v instanceof Boolean) sb.append((Boolean) v ? 'T' : 'F');
            else if (v instanceof Raw) sb.append(((Raw) v).text);
            else if (v instanceof Number) sb.append(v);
            else escape(sb, v.toString());
        }
        sb.append('\n');
        try {
            out.write(sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        any = true;
    }

    /** A value written as it is (times, already formatted). */
    public record Raw(String text) {}

    /** Zeek's time type: seconds with six decimals. */
    public static Raw time(long seconds, int nanos) {
        return new Raw(String.format("%d.%06d", seconds, nanos / 1000));
    }

    public static Raw interval(double seconds) {
        return new Raw(String.format("%.6f", seconds));
    }

    static void escape(StringBuilder sb, String s) {
        if (s.isEmpty()) {
            sb.append("(empty)");
            return;
        }
        if (s.equals(UNSET)) {
            sb.append("\\x2d");
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') sb.append("\\\\");
            else if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
    }

    /**
     * A connection uid in Zeek's form ("C" and 17 base-62 characters), derived from the flow id
     * so that every log of one run names a connection the same way.
     */
    public static String uid(Flow flow) {
        return uid('C', flow.id);
    }

    public static String uid(char prefix, long id) {
        final String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        long x = id * 0x9E3779B97F4A7C15L;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 29;
        long y = x * 0x94D049BB133111EBL + id;
        StringBuilder sb = new StringBuilder(18).append(prefix);
        for (int i = 0; i < 17; i++) {
            long src = i < 9 ? x : y;
            sb.append(digits.charAt((int) Long.remainderUnsigned(src, 62)));
            if (i < 9) x = Long.divideUnsigned(x, 62) ^ (x << 5); else y = Long.divideUnsigned(y, 62) ^ (y << 7);
        }
        return sb.toString();
    }

    /** The four id.* columns of a connection (originator = the client). */
    public static Object[] id(Flow f) {
        return new Object[] {f.clientAddress(), f.clientPort, f.serverAddress(), f.serverPort};
    }

    @Override
    public void close() throws IOException {
        out.write("#close\t" + OPEN.format(Instant.now()) + "\n");
        out.close();
    }
}
