package io.smbwatch.files;

import java.util.Map;
import java.util.TreeMap;

/**
 * The byte ranges of a file already written, as disjoint half-open [start, end) intervals;
 * touching or overlapping ranges are merged, so a file written in order is one range whatever
 * its size. The number of separate ranges is capped: a range that would add one beyond the cap
 * is refused (its bytes are lost and the file counts as truncated).
 */
public final class RangeSet {
    /** Receives the parts of a new range not covered yet (first data wins, as in TCP). */
    public interface Sink {
        void accept(long start, long end);
    }

    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private final int cap;

    public RangeSet(int cap) {
        this.cap = cap;
    }

    /**
     * Adds [start, end): hands each part not covered before to {@code sink}, then records the
     * range. Returns false (and records nothing) when it would be a new separate range beyond
     * the cap.
     */
    public boolean add(long start, long end, Sink sink) {
        if (end <= start) return true;
        Map.Entry<Long, Long> below = ranges.floorEntry(start);
        Map.Entry<Long, Long> above = ranges.ceilingEntry(start);
        boolean touches = (below != null && below.getValue() >= start) || (above != null && above.getKey() <= end);
        if (!touches && ranges.size() >= cap) return false;
        long pos = start;
        if (below != null && below.getValue() > pos) pos = below.getValue();
        while (pos < end) {
            Map.Entry<Long, Long> next = ranges.ceilingEntry(pos);
            long stop = next == null ? end : Math.min(end, next.getKey());
            if (stop > pos) sink.accept(pos, stop);
            if (next == null || next.getKey() >= end) break;
            pos = next.getValue();
        }
        long lo = start, hi = end;
        if (below != null && below.getValue() >= start) {
            lo = below.getKey();
            hi = Math.max(hi, below.getValue());
            ranges.remove(below.getKey());
        }
        Map.Entry<Long, Long> e;
        while ((e = ranges.ceilingEntry(lo)) != null && e.getKey() <= hi) {
            hi = Math.max(hi, e.getValue());
            ranges.remove(e.getKey());
        }
        ranges.put(lo, hi);
        return true;
    }

    /** Separate ranges held. */
    public int count() {
        return ranges.size();
    }

    /** End of the last range (0 when empty). */
    public long end() {
        return ranges.isEmpty() ? 0 : ranges.lastEntry().getValue();
    }

    /** True when some byte before {@link #end()} was never written. */
    public boolean hasGaps() {
        return ranges.size() > 1 || (!ranges.isEmpty() && ranges.firstKey() > 0);
    }

    /** Bytes before {@link #end()} never written. */
    public long gapBytes() {
        long covered = 0;
        for (Map.Entry<Long, Long> e : ranges.entrySet()) covered += e.getValue() - e.getKey();
        return end() - covered;
    }
}
