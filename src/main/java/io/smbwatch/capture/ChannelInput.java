package io.smbwatch.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * A refillable window over a byte channel (file or stdin). Records are parsed in place in
 * {@link #buf}; only the unread tail is moved when the window is refilled, so a capture of any
 * size streams through one buffer of bounded size.
 */
final class ChannelInput {
    private static final int INITIAL = 1 << 20;

    private final ReadableByteChannel ch;
    private final int maxWindow;
    byte[] buf;
    /** Next unread byte in buf. */
    int pos;
    /** End of valid bytes in buf. */
    int limit;
    /** Offset in the capture of buf[0]. */
    private long base;
    private boolean eof;

    ChannelInput(ReadableByteChannel ch, int maxWindow) {
        this.ch = ch;
        this.maxWindow = maxWindow;
        this.buf = new byte[Math.min(INITIAL, maxWindow)];
    }

    /** Position in the capture of the next unread byte. */
    long position() {
        return base + pos;
    }

    int available() {
        return limit - pos;
    }

    /**
     * Makes at least {@code n} unread bytes available. Returns false if the input ends first
     * (then {@link #available()} tells how many are left) or if n exceeds the window cap.
     */
    boolean ensure(int n) throws IOException {
        if (limit - pos >= n) return true;
        if (n > maxWindow) return false;
        if (pos > 0) {                      // move the tail to the front
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        while (limit < n && !eof) {
            if (limit == buf.length) {
                // Grow only as data arrives: a hostile length field alone never allocates much.
                buf = Arrays.copyOf(buf, (int) Math.min(maxWindow, 2L * buf.length));
            }
            int r = ch.read(ByteBuffer.wrap(buf, limit, buf.length - limit));
            if (r < 0) eof = true;
            else limit += r;
        }
        return limit - pos >= n;
    }

    /** Skips n bytes, reading through the channel if needed; returns the number skipped. */
    long skip(long n) throws IOException {
        long done = 0;
        while (done < n) {
            if (pos == limit && !ensure(1)) break;
            int step = (int) Math.min(n - done, limit - pos);
            pos += step;
            done += step;
        }
        return done;
    }

    /** The channel behind the window (bytes already in the window are not in it any more). */
    ReadableByteChannel channel() {
        return ch;
    }

    void close() throws IOException {
        ch.close();
    }
}
