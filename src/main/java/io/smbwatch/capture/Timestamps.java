package io.smbwatch.capture;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one text form of a capture timestamp (a frame's seconds and nanoseconds since the epoch), as
 * Suricata's EVE writes it: {@code 2017-12-20T14:58:55.416375+0000}, UTC, microseconds. Here, with
 * the frames that define the timestamp, so that every stage that prints one (EVE events, fileinfo,
 * the report) uses the same form without depending on another stage's writer.
 */
public final class Timestamps {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String iso(long seconds, int nanos) {
        // a hostile capture's time can lie beyond what Instant holds: shown at the nearest end
        long s = Math.max(Instant.MIN.getEpochSecond(), Math.min(Instant.MAX.getEpochSecond() - 1, seconds));
        return ISO.format(Instant.ofEpochSecond(s, Math.floorMod(nanos, 1_000_000_000)));
    }
}
