package io.smbwatch.pipeline;

import io.smbwatch.capture.Frame;
import java.util.ArrayList;
import java.util.List;

/** Frames (copied) and ticks for one worker's part of a slice, when one thread reads for all workers. */
final class ShardSlice {
    private static final int ROOM = ShardedRun.SLICE_BYTES + (1 << 16);

    private byte[] data = new byte[ROOM];
    private int used;
    /** The frames in order; a frame with no data array marks a tick (another worker's frame: its time only). */
    final List<Frame> frames = new ArrayList<>();
    private final List<Frame> pool = new ArrayList<>();

    void clear() {
        pool.addAll(frames);
        frames.clear();
        used = 0;
    }

    private Frame next() {
        return pool.isEmpty() ? new Frame() : pool.remove(pool.size() - 1);
    }

    void addFrame(Frame f) {
        if (used + f.capLen > data.length) {
            // a slice's bytes fit in the array unless one frame is larger than the room left;
            // the frames already added keep the old array
            data = new byte[Math.max(ROOM, f.capLen)];
            used = 0;
        }
        frames.add(next().copyOf(f, data, used));
        used += f.capLen;
    }

    void addTick(long number, long seconds) {
        Frame c = next();
        c.data = null;
        c.number = number;
        c.tsSeconds = seconds;
        frames.add(c);
    }
}
