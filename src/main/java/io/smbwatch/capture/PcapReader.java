package io.smbwatch.capture;

import io.smbwatch.config.Limit;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import java.io.IOException;

/**
 * Classic libpcap format: either byte order, microsecond (0xa1b2c3d4) or nanosecond
 * (0xa1b23c4d) timestamps. A record whose header is impossible (captured length above the
 * snaplen cap) ends the reading with an anomaly: classic pcap has no markers to resync on.
 */
public final class PcapReader implements CaptureReader {

    private final ChannelInput in;
    private final Anomalies anomalies;
    private final boolean swapped;
    private final boolean nanos;
    private final int linkType;
    private long frames;
    private boolean done;

    PcapReader(ChannelInput in, Anomalies anomalies) throws IOException {
        this.in = in;
        this.anomalies = anomalies;
        if (!in.ensure(24)) throw new CaptureFormatException("file too short for a pcap header");
        byte[] b = in.buf;
        int p = in.pos;
        int magicBe = be32(b, p);
        switch (magicBe) {
            case 0xa1b2c3d4: swapped = false; nanos = false; break;
            case 0xd4c3b2a1: swapped = true; nanos = false; break;
            case 0xa1b23c4d: swapped = false; nanos = true; break;
            case 0x4d3cb2a1: swapped = true; nanos = true; break;
            default: throw new CaptureFormatException(String.format("not a pcap file (magic 0x%08x)", magicBe));
        }
        // Only the low 16 bits name the link type; the upper ones carry FCS length and flags.
        linkType = i32(b, p + 20) & 0xffff;
        in.pos += 24;
    }

    /** True for the four classic pcap magic numbers as read big-endian. */
    static boolean isMagic(int magicBe) {
        return magicBe == 0xa1b2c3d4 || magicBe == 0xd4c3b2a1 || magicBe == 0xa1b23c4d || magicBe == 0x4d3cb2a1;
    }

    public int linkType() {
        return linkType;
    }

    @Override
    public boolean next(Frame f) throws IOException {
        if (done) return false;
        long at = in.position();
        if (!in.ensure(16)) {
            if (in.available() > 0) {
                anomalies.report(AnomalyKind.PCAP_TRUNCATED_RECORD_HEADER, frames + 1, at, in.available() + " trailing bytes");
                in.skip(in.available());
            }
            done = true;
            return false;
        }
        byte[] b = in.buf;
        int p = in.pos;
        long sec = i32(b, p) & 0xffffffffL;
        long frac = i32(b, p + 4) & 0xffffffffL;
        int capLen = i32(b, p + 8);
        int origLen = i32(b, p + 12);
        if (capLen < 0 || capLen > Limit.PCAP_RECORD.defaultInt()) {
            anomalies.report(AnomalyKind.PCAP_BAD_RECORD_LENGTH, frames + 1, at, "captured length " + (capLen & 0xffffffffL));
            done = true;
            return false;
        }
        if (!in.ensure(16 + capLen)) {
            anomalies.report(AnomalyKind.PCAP_TRUNCATED_RECORD, frames + 1, at,
                    "record of " + capLen + " bytes, " + Math.max(0, in.available() - 16) + " present");
            in.skip(in.available());
            done = true;
            return false;
        }
        frames++;
        f.data = in.buf;
        f.offset = in.pos + 16;
        f.capLen = capLen;
        f.origLen = wireLength(origLen, capLen);
        f.tsSeconds = sec;
        f.tsNanos = nanos ? (int) Math.min(frac, 999_999_999) : (int) Math.min(frac, 999_999) * 1000;
        f.linkType = linkType;
        f.number = frames;
        f.fileOffset = at;
        in.pos += 16 + capLen;
        return true;
    }

    @Override
    public long position() {
        return in.position();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int i32(byte[] b, int i) {
        int v = be32(b, i);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    /**
     * Wire length from the record's original length (unsigned): never below the captured length,
     * and a value above 2 GiB (no real packet) is held at Integer.MAX_VALUE instead of going negative.
     */
    static int wireLength(int origLen, int capLen) {
        if (origLen < 0) return Integer.MAX_VALUE;
        return Math.max(origLen, capLen);
    }

    static int be32(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }
}
