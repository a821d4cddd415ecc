package io.smbwatch.capture;

import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Classic pcap read in place from a mapped file, for a sharded worker that analyses some frames
 * and steps over the others: a record's header is read where it lies, only the first bytes the
 * worker asks for ({@link #nextHead}) are copied, and the rest only if it asks again
 * ({@link #whole}). A worker reading the whole file thus copies its own frames, not everybody's
 * (the copy is what reading a capture costs: {@link PcapReader} over {@link MappedFileChannel}
 * copies every byte). It gives the same frames and anomalies as {@link PcapReader}, from a file
 * whose size is taken once (workers must all see the same frames).
 */
final class MappedPcapReader implements CaptureReader {
    private final FileChannel ch;
    private final Anomalies anomalies;
    private final long end;               // the file's size when opened (or the limit)
    private final ByteOrder order;
    private final boolean nanos;
    private final int linkType;
    private MappedByteBuffer window;
    private long windowStart;
    private int windowLength;
    private long pos;                     // file offset of the next record
    private byte[] buf = new byte[1 << 16];
    private int at, length, copied;        // the last record's data: in the window, its length, bytes in buf
    private long frames;
    private boolean done;

    MappedPcapReader(FileChannel ch, Anomalies anomalies, long limit) throws IOException {
        this.ch = ch;
        this.anomalies = anomalies;
        end = Math.min(ch.size(), limit);
        if (end < 24) throw new CaptureFormatException("file too short for a pcap header");
        map(0, 24);
        int magicBe = window.order(ByteOrder.BIG_ENDIAN).getInt(0);
        switch (magicBe) {
            case 0xa1b2c3d4: order = ByteOrder.BIG_ENDIAN; nanos = false; break;
            case 0xd4c3b2a1: order = ByteOrder.LITTLE_ENDIAN; nanos = false; break;
            case 0xa1b23c4d: order = ByteOrder.BIG_ENDIAN; nanos = true; break;
            case 0x4d3cb2a1: order = ByteOrder.LITTLE_ENDIAN; nanos = true; break;
            default: throw new CaptureFormatException(String.format("not a pcap file (magic 0x%08x)", magicBe));
        }
        window.order(order);
        linkType = window.getInt(20) & 0xffff;
        pos = 24;
    }

    @Override
    public boolean next(Frame f) throws IOException {
        if (!nextHead(f, Integer.MAX_VALUE)) return false;
        whole(f);
        return true;
    }

    @Override
    public boolean nextHead(Frame f, int head) throws IOException {
        if (done) return false;
        long left = end - pos;
        if (left < 16) {
            if (left > 0) anomalies.report(AnomalyKind.PCAP_TRUNCATED_RECORD_HEADER, frames + 1, pos, left + " trailing bytes");
            return finish();
        }
        try {
            if (pos + 16 > windowStart + windowLength) map(pos, 16);
            int p = (int) (pos - windowStart);
            MappedByteBuffer w = window;
            long sec = w.getInt(p) & 0xffffffffL;
            long frac = w.getInt(p + 4) & 0xffffffffL;
            int capLen = w.getInt(p + 8);
            int origLen = w.getInt(p + 12);
            if (capLen < 0 || capLen > io.smbwatch.config.Limit.PCAP_RECORD.defaultInt()) {
                anomalies.report(AnomalyKind.PCAP_BAD_RECORD_LENGTH, frames + 1, pos, "captured length " + (capLen & 0xffffffffL));
                return finish();
            }
            if (left < 16L + capLen) {
                anomalies.report(AnomalyKind.PCAP_TRUNCATED_RECORD, frames + 1, pos,
                        "record of " + capLen + " bytes, " + (left - 16) + " present");
                return finish();
            }
            if (pos + 16 + capLen > windowStart + windowLength) {
                map(pos, 16 + capLen);              // the whole record in one window
                p = 0;
                w = window;
            }
            at = p + 16;
            length = capLen;
            copied = Math.min(capLen, Math.max(0, head));
            if (copied > buf.length) buf = new byte[Math.max(copied, 2 * buf.length)];
            w.get(at, buf, 0, copied);
            frames++;
            f.data = buf;
            f.offset = 0;
            f.capLen = capLen;
            f.origLen = PcapReader.wireLength(origLen, capLen);
            f.tsSeconds = sec;
            f.tsNanos = nanos ? (int) Math.min(frac, 999_999_999) : (int) Math.min(frac, 999_999) * 1000;
            f.linkType = linkType;
            f.number = frames;
            f.fileOffset = pos;
            pos += 16 + capLen;
            return true;
        } catch (InternalError e) {
            throw truncated(e);
        }
    }

    @Override
    public void whole(Frame f) throws IOException {
        if (copied == length) return;
        if (length > buf.length) {
            // a larger buffer: the head copied so far moves with it
            buf = Arrays.copyOf(buf, Math.max(length, Math.min(io.smbwatch.config.Limit.PCAP_RECORD.defaultInt(), 2 * buf.length)));
        }
        try {
            window.get(at + copied, buf, copied, length - copied);
        } catch (InternalError e) {
            throw truncated(e);
        }
        copied = length;
        f.data = buf;
        f.offset = 0;
    }

    @Override
    public long position() {
        return pos;
    }

    @Override
    public void close() throws IOException {
        done = true;
        unmap();
        ch.close();
    }

    private boolean finish() {
        done = true;
        pos = end;
        unmap();
        return false;
    }

    /** Maps a window starting at {@code from} that holds at least {@code need} bytes (present: the caller checked). */
    private void map(long from, int need) throws IOException {
        unmap();
        windowStart = from;
        windowLength = (int) Math.min(Math.max(MappedFileChannel.WINDOW, need), end - from);
        window = ch.map(FileChannel.MapMode.READ_ONLY, from, windowLength);
        window.order(order == null ? ByteOrder.BIG_ENDIAN : order);
    }

    private void unmap() {
        MappedByteBuffer w = window;
        window = null;
        windowLength = 0;
        MappedFileChannel.unmap(w);
    }

    /** The JVM's report of a fault on a mapped page: the file was truncated while read. */
    private static IOException truncated(InternalError e) {
        return new IOException("the capture file changed while it was read (truncated?)", e);
    }
}
