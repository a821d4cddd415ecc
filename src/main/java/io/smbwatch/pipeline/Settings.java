package io.smbwatch.pipeline;

/**
 * Limits of the pipeline, immutable. Defaults are chosen so that a capture of any length runs
 * in bounded memory on a 2-core, small-heap machine:
 *
 * <ul>
 *   <li>{@code maxFlows} 100 000: the least recently used flow is evicted beyond it.</li>
 *   <li>{@code idleTimeout} 600 s of capture time (SMB clients keep idle connections open and
 *       send an echo or keepalive every few minutes); {@code closedTimeout} 5 s after FIN/RST.</li>
 *   <li>{@code maxOutOfOrderPerDirection} 1 MiB, {@code maxOutOfOrderTotal} 64 MiB: beyond them the
 *       hole is declared a gap.</li>
 *   <li>{@code maxMessage} 16 MiB (the NBSS maximum): longer messages are cut to their head.</li>
 * </ul>
 */
public record Settings(int maxFlows, long idleTimeout, long closedTimeout, int maxOutOfOrderPerDirection,
                       long maxOutOfOrderTotal, int maxMessage) {

    public static Settings defaults() {
        return new Settings(100_000, 600, 5, 1 << 20, 64L << 20, 0xffffff);
    }

    public Settings withMaxMessage(int bytes) {
        return new Settings(maxFlows, idleTimeout, closedTimeout, maxOutOfOrderPerDirection, maxOutOfOrderTotal, bytes);
    }

    public Settings withMaxFlows(int n) {
        return new Settings(n, idleTimeout, closedTimeout, maxOutOfOrderPerDirection, maxOutOfOrderTotal, maxMessage);
    }
}
