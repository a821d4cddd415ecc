package io.smbwatch.pipeline;

import io.smbwatch.config.Limit;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The hand-over from one worker reading the capture itself to the merge: its records, chunk by
 * chunk; the worker waits when it is more than {@link Limit#SHARD_AHEAD} bytes of records ahead.
 */
final class ShardChunks {

    /** A worker's records for one range of frames. */
    record Chunk(List<ShardEvent> events, long bytes, boolean last) {}

    private final ArrayDeque<Chunk> items = new ArrayDeque<>();
    private long bytes;
    private Throwable failure;

    synchronized void put(Chunk c) throws InterruptedException {
        while (!items.isEmpty() && bytes > Limit.SHARD_AHEAD.defaultValue()) wait();
        items.add(c);
        bytes += c.bytes();
        notifyAll();
    }

    synchronized Chunk take() throws InterruptedException, IOException {
        while (items.isEmpty() && failure == null) wait();
        if (items.isEmpty()) {
            if (failure instanceof IOException e) throw e;
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
            throw new IOException(failure);
        }
        Chunk c = items.poll();
        bytes -= c.bytes();
        notifyAll();
        return c;
    }

    synchronized void fail(Throwable t) {
        failure = t;
        notifyAll();
    }
}
