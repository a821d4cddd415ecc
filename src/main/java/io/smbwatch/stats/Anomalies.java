package io.smbwatch.stats;

import io.smbwatch.config.Limit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Malformed input is data: every oddity is counted by kind and the first few are kept with their
 * position so the user can find them. Never throws.
 */
public final class Anomalies {
    /** How many anomalies are kept with details; the rest are only counted. */
    public static final int KEEP = Limit.ANOMALIES_KEPT.defaultInt();

    /** One reported anomaly. {@code frame} is 0 when it belongs to no frame (file header). */
    public record Anomaly(long frame, long fileOffset, String kind, String detail) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (frame > 0) sb.append("frame ").append(frame).append(": ");
            if (fileOffset >= 0) sb.append("byte offset ").append(fileOffset).append(": ");
            return sb.append(kind).append(detail.isEmpty() ? "" : " (" + detail + ")").toString();
        }
    }

    private final Map<String, Long> counts = new TreeMap<>();
    private final List<Anomaly> kept = new ArrayList<>();
    private long total;

    public void report(long frame, long fileOffset, String kind, String detail) {
        counts.merge(kind, 1L, Long::sum);
        total++;
        if (kept.size() < KEEP) kept.add(new Anomaly(frame, fileOffset, kind, detail));
    }

    public void report(long frame, String kind, String detail) {
        report(frame, -1, kind, detail);
    }

    public long total() {
        return total;
    }

    public long count(String kind) {
        return counts.getOrDefault(kind, 0L);
    }

    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    public List<Anomaly> kept() {
        return Collections.unmodifiableList(kept);
    }

    /** Adds another set's counts, and its kept anomalies in frame order after this set's (the first {@link #KEEP} overall). */
    public void add(Anomalies other) {
        other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
        total += other.total;
        kept.addAll(other.kept);
        kept.sort(java.util.Comparator.comparingLong(Anomaly::frame));
        while (kept.size() > KEEP) kept.remove(kept.size() - 1);
    }
}
