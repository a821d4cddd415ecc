package io.smbwatch.capture;

/**
 * One pcapng interface: link type, snap length and how its timestamps count. Timestamps are
 * 64-bit unsigned counts of units of 10^-exp seconds, or 2^-exp seconds when {@code pow2}, plus
 * {@code tsOffset} whole seconds (if_tsoffset).
 */
record PcapngInterface(int linkType, int snapLen, boolean pow2, int exp, long tsOffset) {
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    /**
     * @param tsresol the if_tsresol byte, or -1 when absent (microseconds)
     * @return null when tsresol is outside what 64-bit arithmetic can hold (10^-19 and finer, 2^-64)
     */
    static PcapngInterface of(int linkType, int snapLen, int tsresol, long tsOffset) {
        if (tsresol < 0) return new PcapngInterface(linkType, snapLen, false, 6, tsOffset);
        boolean pow2 = (tsresol & 0x80) != 0;
        int exp = tsresol & 0x7f;
        if (pow2 ? exp > 63 : exp > 18) return null;
        return new PcapngInterface(linkType, snapLen, pow2, exp, tsOffset);
    }

    /** Sets the frame's seconds and nanoseconds from a raw timestamp count. */
    void stamp(Frame f, long ts) {
        long sec, nanos;
        if (pow2) {
            sec = ts >>> exp;
            long frac = ts & ((1L << exp) - 1); // exp 0: mask 0
            // frac < 2^exp; keep the product below 2^63 by dropping bits finer than 2^-30 s (~1 ns)
            nanos = exp <= 30 ? (frac * 1_000_000_000L) >>> exp : ((frac >>> (exp - 30)) * 1_000_000_000L) >>> 30;
        } else {
            long units = POW10[exp];
            sec = Long.divideUnsigned(ts, units);
            long frac = Long.remainderUnsigned(ts, units);
            nanos = exp <= 9 ? frac * POW10[9 - exp] : frac / POW10[exp - 9];
        }
        f.tsSeconds = sec + tsOffset;
        f.tsNanos = (int) nanos;
    }
}
