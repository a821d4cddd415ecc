package io.smbwatch.capture;

import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip capture (".pcap.gz") on the fly. A corrupt or cut compressed stream is bad
 * content, not an I/O failure: it is reported once to {@link Anomalies} and then looks like the
 * end of the input, so the reader above reports a cut record the same way as for a plain file.
 * Positions reported by readers over this channel are offsets in the decompressed data.
 */
final class GzipChannel implements ReadableByteChannel {
    private static final int STEP = 16 << 10;
    private final InputStream gz;
    private final Anomalies anomalies;
    private long produced;
    private boolean ended;
    private boolean open = true;

    private GzipChannel(InputStream gz, Anomalies anomalies) {
        this.gz = gz;
        this.anomalies = anomalies;
    }

    /** Continues where {@code raw} stands: its unread window bytes first, then its channel. */
    static GzipChannel over(ChannelInput raw, Anomalies anomalies) throws IOException {
        // Copy: the window may be reused, and the compressed bytes must survive until inflated.
        byte[] head = java.util.Arrays.copyOfRange(raw.buf, raw.pos, raw.limit);
        InputStream src = new SequenceInputStream(new ByteArrayInputStream(head), Channels.newInputStream(raw.channel()));
        try {
            return new GzipChannel(new GZIPInputStream(src, 1 << 16), anomalies);
        } catch (ZipException | EOFException e) {
            src.close();
            throw new CaptureFormatException("gzip-compressed input with an unreadable gzip header: " + e.getMessage());
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) throw new java.nio.channels.ClosedChannelException();
        if (ended) return -1;
        if (!dst.hasRemaining()) return 0;
        int n;
        // Small steps: when inflating fails, what the failing step produced is lost with it.
        int want = Math.min(dst.remaining(), STEP);
        try {
            if (dst.hasArray()) {
                n = gz.read(dst.array(), dst.arrayOffset() + dst.position(), want);
                if (n > 0) dst.position(dst.position() + n);
            } else {
                byte[] tmp = new byte[want];
                n = gz.read(tmp, 0, tmp.length);
                if (n > 0) dst.put(tmp, 0, n);
            }
        } catch (EOFException e) {
            return fail(AnomalyKind.GZIP_TRUNCATED, "compressed stream ends early: " + e.getMessage());
        } catch (ZipException e) {
            return fail(AnomalyKind.GZIP_CORRUPT, e.getMessage());
        }
        if (n < 0) ended = true;
        else produced += n;
        return n;
    }

    private int fail(AnomalyKind kind, String detail) {
        anomalies.report(kind, 0, produced, "after " + produced + " decompressed bytes: " + detail);
        ended = true;
        return -1;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        gz.close(); // closes the sequence and with it the underlying channel
    }
}
