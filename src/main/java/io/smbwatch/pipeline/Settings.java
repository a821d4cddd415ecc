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
 *   <li>{@code fileData} true: the file data of SMB2 reads and writes is kept with their messages.
 *       When nothing reads it (no rules, no file outputs), {@link #withoutFileData} lets a read or
 *       write of a file (not a pipe) longer than 64 KiB be handed on as its first 64 KiB, the rest
 *       stepped over unbuffered.</li>
 * </ul>
 */
public record Settings(int maxFlows, long idleTimeout, long closedTimeout, int maxOutOfOrderPerDirection,
                       long maxOutOfOrderTotal, int maxMessage, boolean fileData) {

    public static Settings defaults() {
        return new Settings(100_000, 600, 5, 1 << 20, 64L << 20, 0xffffff, true);
    }

    public Settings withMaxMessage(int bytes) {
        return new Settings(maxFlows, idleTimeout, closedTimeout, maxOutOfOrderPerDirection, maxOutOfOrderTotal, bytes, fileData);
    }

    public Settings withMaxFlows(int n) {
        return new Settings(n, idleTimeout, closedTimeout, maxOutOfOrderPerDirection, maxOutOfOrderTotal, maxMessage, fileData);
    }

    /** Nothing reads file data: large file reads and writes need not be kept whole. */
    public Settings withoutFileData() {
        return new Settings(maxFlows, idleTimeout, closedTimeout, maxOutOfOrderPerDirection, maxOutOfOrderTotal, maxMessage, false);
    }
}
