package io.smbwatch.stats;

import io.smbwatch.config.Limit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Malformed input is data: every oddity is counted by kind and the first few are kept with their
 * position so the user can find them; each one is also handed to a listener (the EVE anomaly
 * log) as it is found. Never throws.
 */
public final class Anomalies {

    /**
     * Where an anomaly was found: the flow (an {@code io.smbwatch.flow.Flow}, typed Object so that
     * this package stays a leaf), the direction of the packet, its frame number and capture time.
     */
    public record Where(Object flow, int direction, long frame, long seconds, int nanos) {}

    /**
     * One reported anomaly. {@code frame} is 0 when it belongs to no frame (file header),
     * {@code fileOffset} -1 when it has none, {@code where} null when it belongs to no flow.
     * Equality leaves the flow object out: two runs over the same capture report equal anomalies.
     */
    public record Anomaly(AnomalyKind kind, long frame, long fileOffset, String detail, Where where) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Anomaly a && kind == a.kind && frame == a.frame && fileOffset == a.fileOffset
                    && detail.equals(a.detail) && (where == null) == (a.where == null)
                    && (where == null || where.direction() == a.where.direction() && where.seconds() == a.where.seconds()
                    && where.nanos() == a.where.nanos());
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, frame, fileOffset, detail);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (frame > 0) sb.append("frame ").append(frame).append(": ");
            if (fileOffset >= 0) sb.append("byte offset ").append(fileOffset).append(": ");
            return sb.append(kind.key()).append(detail.isEmpty() ? "" : " (" + detail + ")").toString();
        }
    }

    private final Map<AnomalyKind, Long> counts = new EnumMap<>(AnomalyKind.class);
    private final List<Anomaly> kept = new ArrayList<>();
    private long total;
    private Consumer<Anomaly> listener = a -> { };
    /** How many anomalies are kept with details (anomalies.kept); the rest are only counted. */
    private final int keep;

    public Anomalies() {
        this(Limit.ANOMALIES_KEPT.defaultInt());
    }

    public Anomalies(int keep) {
        this.keep = keep;
    }

    public int keep() {
        return keep;
    }

    /** Hands every anomaly reported from now on to {@code listener} too (one listener; null: none). */
    public void listen(Consumer<Anomaly> listener) {
        this.listener = listener == null ? a -> { } : listener;
    }

    /** An anomaly of the capture file itself, at a byte offset (-1: none) of the file. */
    public void report(AnomalyKind kind, long frame, long fileOffset, String detail) {
        add(new Anomaly(kind, frame, fileOffset, detail, null));
    }

    /** An anomaly that belongs to no flow (0: no frame either). */
    public void report(AnomalyKind kind, long frame, String detail) {
        add(new Anomaly(kind, frame, -1, detail, null));
    }

    /** An anomaly of a flow's packet. */
    public void report(AnomalyKind kind, Where where, String detail) {
        add(new Anomaly(kind, where.frame(), -1, detail, where));
    }

    /** Counts {@code n} hits of a cap measured by its owner ({@link Capped}): no details kept, no listener told. */
    public void add(AnomalyKind kind, long n) {
        if (n <= 0) return;
        counts.merge(kind, n, Long::sum);
        total += n;
    }

    /** The caps hit, by key ("smb2.session_cap 3, detect.smb_scan_cap 1"), or "0" when none was. */
    public String capsLine() {
        StringBuilder sb = new StringBuilder();
        counts.entrySet().stream().filter(e -> e.getKey().cap).map(e -> e.getKey().key() + " " + e.getValue()).sorted()
                .forEach(c -> sb.append(sb.length() == 0 ? "" : ", ").append(c));
        return sb.length() == 0 ? "0" : sb.toString();
    }

    private void add(Anomaly a) {
        counts.merge(a.kind(), 1L, Long::sum);
        total++;
        if (kept.size() < keep) kept.add(a);
        listener.accept(a);
    }

    public long total() {
        return total;
    }

    public long count(AnomalyKind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** Counts by kind, in the kinds' order. */
    public Map<AnomalyKind, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /** The kept anomalies in frame order (those found as a flow ends sit at its last frame, also with several workers). */
    public List<Anomaly> kept() {
        List<Anomaly> byFrame = new ArrayList<>(kept);
        byFrame.sort(java.util.Comparator.comparingLong(Anomaly::frame));
        return Collections.unmodifiableList(byFrame);
    }

    /** Adds another set's counts, and its kept anomalies in frame order after this set's (the first {@link #keep} overall). */
    public void add(Anomalies other) {
        other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
        total += other.total;
        kept.addAll(other.kept);
        kept.sort(java.util.Comparator.comparingLong(Anomaly::frame));
        while (kept.size() > keep) kept.remove(kept.size() - 1);
    }
}
