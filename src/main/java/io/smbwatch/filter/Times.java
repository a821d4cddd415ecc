package io.smbwatch.filter;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time values of filters and field columns. A literal is seconds since 1970 (fraction allowed, as
 * tshark takes for {@code frame.time_epoch}) or a UTC date as tshark writes or reads it
 * ({@code "Dec  6, 2011 20:18:15.5"}, {@code "2011-12-06 20:18:15.5"}); tshark reads dates in its
 * local zone, smbwatch always in UTC (what it prints).
 */
public final class Times {
    private Times() {}

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final Pattern EPOCH = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,9}))?");
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d\\d)-(\\d\\d)(?:[ T](\\d\\d):(\\d\\d)(?::(\\d\\d)(?:\\.(\\d{1,9}))?)?)?(?: ?(?:UTC|Z))?");
    private static final Pattern WORDS = Pattern.compile(
            "([A-Za-z]{3}) +(\\d{1,2}), +(\\d{4})(?: +(\\d\\d):(\\d\\d)(?::(\\d\\d)(?:\\.(\\d{1,9}))?)?)?(?: +UTC)?");

    /** The instant a literal names; IllegalArgumentException with the accepted forms otherwise. */
    static Instant parse(String v) {
        String s = v.trim();
        Matcher m = EPOCH.matcher(s);
        if (m.matches()) return Instant.ofEpochSecond(Long.parseLong(m.group(1)), nanos(m.group(2)));
        m = ISO.matcher(s);
        if (m.matches()) return at(m.group(1), Integer.parseInt(m.group(2)), m.group(3), m, v);
        m = WORDS.matcher(s);
        if (m.matches()) {
            int month = month(m.group(1));
            if (month > 0) return at(m.group(3), month, m.group(2), m, v);
        }
        throw bad(v);
    }

    private static Instant at(String year, int month, String day, Matcher m, String v) {
        try {
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(year), month, Integer.parseInt(day),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos(m.group(7)));
            return t.toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            throw bad(v);
        }
    }

    private static IllegalArgumentException bad(String v) {
        return new IllegalArgumentException(Lexer.quote(v) + " is not a time (seconds since 1970 such as 1323202695.5,"
                + " or a UTC date such as \"2011-12-06 20:18:15.5\" or \"Dec  6, 2011 20:18:15\")");
    }

    private static int nanos(String fraction) {
        if (fraction == null) return 0;
        StringBuilder sb = new StringBuilder(fraction);
        while (sb.length() < 9) sb.append('0');
        return Integer.parseInt(sb.toString());
    }

    private static int month(String name) {
        for (int i = 0; i < MONTHS.length; i++) if (MONTHS[i].equalsIgnoreCase(name)) return i + 1;
        return 0;
    }

    /** As tshark writes an absolute time in UTC: {@code Dec  6, 2011 20:18:15.377605000 UTC}. */
    public static String absolute(Instant t) {
        java.time.ZonedDateTime z;
        try {
            z = t.atZone(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return epoch(t);
        }
        return String.format(Locale.ROOT, "%s %2d, %d %02d:%02d:%02d.%09d UTC", MONTHS[z.getMonthValue() - 1],
                z.getDayOfMonth(), z.getYear(), z.getHour(), z.getMinute(), z.getSecond(), z.getNano());
    }

    /** As tshark writes frame.time_epoch: seconds with nine decimals. */
    public static String epoch(Instant t) {
        long s = t.getEpochSecond();
        int n = t.getNano();
        if (s < 0 && n > 0) return String.format(Locale.ROOT, "-%d.%09d", -(s + 1), 1_000_000_000 - n);
        return String.format(Locale.ROOT, "%d.%09d", s, n);
    }
}
