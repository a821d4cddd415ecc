package io.smbwatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Messages and alerts over time, for the report's chart. Counted in bins of a stored resolution
 * that starts at one second and coarsens (each step a multiple of the one before) when more than
 * {@link #MAX_BINS} bins would be held, so memory stays bounded whatever the span. The chart's
 * bin width is chosen from the span (about {@link #TARGET} bins), seconds to days; every bin from
 * the first to the last is listed, empty ones as zero.
 */
final class Activity {
    /** Stored resolutions (seconds): each divides the next. */
    private static final long[] STORE = {1, 2, 10, 60, 300, 3600, 21600, 86400, 864000, 8640000, 86400000};
    /** Chart bin widths a reader counts in: seconds, minutes, hours, days, weeks, months, years. */
    static final long[] WIDTHS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
            86400, 172800, 604800, 2592000, 7776000, 31536000};
    static final int MAX_BINS = 4096, TARGET = 100;
    /** Times beyond about 35000 years either side are put at that end (a hostile capture's clock). */
    private static final long FAR = 1L << 40;

    private int level;
    /** bin start (epoch seconds, a multiple of the stored resolution) -> {messages, alerts} */
    private final TreeMap<Long, long[]> bins = new TreeMap<>();

    void add(long seconds, int which) {
        long s = Math.max(-FAR, Math.min(FAR, seconds)), res = STORE[level];
        bins.computeIfAbsent(Math.floorDiv(s, res) * res, k -> new long[2])[which]++;
        while (bins.size() > MAX_BINS && level < STORE.length - 1) coarsen();
    }

    private void coarsen() {
        long res = STORE[++level];
        TreeMap<Long, long[]> old = new TreeMap<>(bins);
        bins.clear();
        for (Map.Entry<Long, long[]> e : old.entrySet()) {
            long[] c = bins.computeIfAbsent(Math.floorDiv(e.getKey(), res) * res, k -> new long[2]);
            c[0] += e.getValue()[0];
            c[1] += e.getValue()[1];
        }
    }

    boolean isEmpty() {
        return bins.isEmpty();
    }

    /** The chart's bin width: the first reader's width giving at most about {@link #TARGET} bins over the span. */
    long width() {
        if (bins.isEmpty()) return 1;
        long res = STORE[level], span = bins.lastKey() + res - bins.firstKey();
        for (long w : WIDTHS) if (w % res == 0 && w >= res && span / w <= TARGET) return w;
        return Math.max(res, (span / TARGET + res - 1) / res * res);
    }

    /** Every bin of {@link #width()} from the first to the last, as {start, messages, alerts}. */
    List<long[]> series() {
        List<long[]> out = new ArrayList<>();
        if (bins.isEmpty()) return out;
        long w = width(), first = Math.floorDiv(bins.firstKey(), w) * w, last = Math.floorDiv(bins.lastKey(), w) * w;
        for (long t = first; t <= last; t += w) out.add(new long[] {t, 0, 0});
        for (Map.Entry<Long, long[]> e : bins.entrySet()) {
            long[] b = out.get((int) ((Math.floorDiv(e.getKey(), w) * w - first) / w));
            b[1] += e.getValue()[0];
            b[2] += e.getValue()[1];
        }
        return out;
    }

    /** "1 s", "5 min", "2 h", "7 d". */
    static String name(long w) {
        if (w < 60) return w + " s";
        if (w < 3600) return w / 60 + " min";
        if (w < 86400) return w / 3600 + " h";
        return w / 86400 + " d";
    }
}
