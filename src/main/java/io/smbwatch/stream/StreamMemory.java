package io.smbwatch.stream;

/**
 * Shared budget for out-of-order bytes buffered by all reassemblers, so that no number of
 * flows can make the buffers grow past {@link #cap} in total.
 */
public final class StreamMemory {
    final long cap;
    long used;
    long peak;
    long capHits;

    public StreamMemory(long capBytes) {
        this.cap = capBytes;
    }

    boolean reserve(int n) {
        if (used + n > cap) {
            capHits++;
            return false;
        }
        used += n;
        if (used > peak) peak = used;
        return true;
    }

    void release(int n) {
        used -= n;
    }

    public long used() {
        return used;
    }

    public long peak() {
        return peak;
    }

    public long capHits() {
        return capHits;
    }
}
