package io.smbwatch.capture;

import io.smbwatch.stats.Anomalies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;

/** Reading helpers shared by the capture tests. */
final class CaptureTestSupport {
    private CaptureTestSupport() {}

    /** A frame copied out of the reader's buffer; ByteBuffer makes equals compare contents. */
    record Snap(long number, long fileOffset, long tsSeconds, int tsNanos, int linkType, int capLen, int origLen, ByteBuffer bytes) {
        byte[] data() {
            byte[] b = new byte[bytes.remaining()];
            bytes.duplicate().get(b);
            return b;
        }
    }

    static Snap snap(Frame f) {
        byte[] copy = new byte[f.capLen];
        System.arraycopy(f.data, f.offset, copy, 0, f.capLen);
        return new Snap(f.number, f.fileOffset, f.tsSeconds, f.tsNanos, f.linkType, f.capLen, f.origLen, ByteBuffer.wrap(copy));
    }

    static List<Snap> readAll(CaptureReader r) throws IOException {
        List<Snap> out = new ArrayList<>();
        Frame f = new Frame();
        while (r.next(f)) out.add(snap(f));
        // Once done, a reader stays done.
        if (r.next(f)) throw new AssertionError("reader returned a frame after reporting the end");
        return out;
    }

    static CaptureReader open(byte[] capture, Anomalies anomalies) throws IOException {
        return Captures.open(Channels.newChannel(new ByteArrayInputStream(capture)), anomalies);
    }

    static List<Snap> readAll(byte[] capture, Anomalies anomalies) throws IOException {
        try (CaptureReader r = open(capture, anomalies)) {
            return readAll(r);
        }
    }

    /** A stream that hands out at most a few bytes per read, like a pipe under load. */
    static InputStream trickle(InputStream in) {
        return new InputStream() {
            private int turn;

            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = Math.min(len, 1 + (turn++ % 7) * 1000);
                return in.read(b, off, n);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** Bytes allocated by this thread so far, or -1 where the JVM cannot tell. */
    static long allocatedBytes() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (mx instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }
}
