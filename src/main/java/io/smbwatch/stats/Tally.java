package io.smbwatch.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts per constant of an enum that a lower stage owns (decode results, flow end reasons),
 * indexed by ordinal on the hot path and named in the enum's order when printed; this leaf
 * package thus counts them without depending on the stage. An empty tally (no kinds yet) takes
 * its kinds from the first non-empty one added to it.
 */
public final class Tally {
    private String[] names;
    private long[] counts;

    public Tally(Enum<?>[] kinds) {
        names = new String[kinds.length];
        for (int i = 0; i < kinds.length; i++) names[i] = kinds[i].name().toLowerCase();
        counts = new long[kinds.length];
    }

    /** No kinds yet (an accumulator, or statistics that add none of these). */
    public Tally() {
        this(new Enum<?>[0]);
    }

    /** One more of the kind with this ordinal. */
    public void increment(int ordinal) {
        counts[ordinal]++;
    }

    public long get(Enum<?> kind) {
        return kind.ordinal() < counts.length ? counts[kind.ordinal()] : 0;
    }

    public long total() {
        long t = 0;
        for (long n : counts) t += n;
        return t;
    }

    /** Name → count, every kind in the enum's order. */
    public Map<String, Long> toMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) m.put(names[i], counts[i]);
        return m;
    }

    public void add(Tally o) {
        if (names.length == 0 && o.names.length > 0) {
            names = o.names.clone();
            counts = new long[names.length];
        }
        if (o.names.length == 0) return;
        if (o.names.length != names.length) throw new IllegalArgumentException("tallies of different kinds");
        for (int i = 0; i < counts.length; i++) counts[i] += o.counts[i];
    }
}
