package io.smbwatch.config;

import java.util.EnumMap;
import java.util.Map;

/** The values of every {@link Limit} for one run, immutable: defaults, then the file, then the command line. */
public final class Limits {
    private static final Limits DEFAULTS = new Limits(new EnumMap<>(Limit.class));
    private final EnumMap<Limit, Long> set;

    private Limits(EnumMap<Limit, Long> set) {
        this.set = set;
    }

    public static Limits defaults() {
        return DEFAULTS;
    }

    public long get(Limit limit) {
        Long v = set.get(limit);
        return v != null ? v : limit.defaultValue();
    }

    /** The value of a limit whose range fits an int. */
    public int getInt(Limit limit) {
        return Math.toIntExact(get(limit));
    }

    /**
     * These limits with one changed.
     *
     * @throws IllegalArgumentException when the limit is fixed or the value out of its range
     */
    public Limits with(Limit limit, long value) {
        if (!limit.settable()) {
            throw new IllegalArgumentException("limits." + limit.key() + ": fixed at " + limit.defaultValue()
                    + " (a structural bound, not set by a run)");
        }
        if (value < limit.min() || value > limit.max()) {
            throw new IllegalArgumentException("limits." + limit.key() + ": " + limit.min() + " to " + limit.max()
                    + ", not " + value);
        }
        EnumMap<Limit, Long> copy = new EnumMap<>(Limit.class);
        copy.putAll(set);
        copy.put(limit, value);
        return new Limits(copy);
    }

    /** The limits set away from their defaults. */
    public Map<Limit, Long> changed() {
        return java.util.Collections.unmodifiableMap(set);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Limits l && l.set.equals(set);
    }

    @Override
    public int hashCode() {
        return set.hashCode();
    }

    @Override
    public String toString() {
        return "Limits" + set;
    }
}
