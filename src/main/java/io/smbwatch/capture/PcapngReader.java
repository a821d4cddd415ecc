package io.smbwatch.capture;

import io.smbwatch.config.Limit;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng (IETF draft-ietf-opsawg-pcapng): section headers in either byte order (a new one resets
 * the interfaces), interface descriptions with if_tsresol and if_tsoffset, enhanced, simple and
 * obsolete packet blocks. Other blocks are skipped by their length without being buffered.
 *
 * <p>Bad blocks are anomalies, not exceptions: a block whose length is plausible (at least 12,
 * a multiple of 4, at most {@link Limit#PCAPNG_BLOCK}) is skipped and reading goes on; an impossible length
 * leaves nothing to resync on, so reading stops there. Only the very first section header may make
 * the file unreadable ({@link CaptureFormatException}).
 */
public final class PcapngReader implements CaptureReader {
    static final int SHB = 0x0a0d0d0a;
    static final int IDB = 1, PB = 2, SPB = 3, EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    private static final int OPT_END = 0, OPT_TSRESOL = 9, OPT_TSOFFSET = 14;

    private final ChannelInput in;
    private final Anomalies anomalies;
    private final List<PcapngInterface> interfaces = new ArrayList<>();
    private boolean swapped;
    private long frames;
    private int sections;
    private boolean done;

    /** Why a section header could not be read: anomaly kind and detail. */
    private record Problem(AnomalyKind kind, String detail) {}

    PcapngReader(ChannelInput in, Anomalies anomalies) throws IOException {
        this.in = in;
        this.anomalies = anomalies;
        Problem p = sectionHeader(in.position());
        if (p != null) throw new CaptureFormatException("unreadable pcapng file: " + p.detail());
    }

    /** Sections seen so far (1 after the file header). */
    public int sections() {
        return sections;
    }

    /** Interfaces described so far in the current section. */
    public int interfaceCount() {
        return interfaces.size();
    }

    @Override
    public boolean next(Frame f) throws IOException {
        while (!done) {
            long at = in.position();
            if (!in.ensure(8)) {
                if (in.available() > 0) {
                    report(at, AnomalyKind.PCAPNG_TRUNCATED_BLOCK, in.available() + " trailing bytes, too few for a block header");
                    in.skip(in.available());
                }
                done = true;
                return false;
            }
            int type = i32(in.pos);
            if (type == SHB) {
                Problem p = sectionHeader(at);
                if (p != null) stop(at, p.kind(), p.detail());
                continue;
            }
            long len = i32(in.pos + 4) & 0xffffffffL;
            if (len < 12 || (len & 3) != 0 || len > Limit.PCAPNG_BLOCK.defaultInt()) {
                stop(at, AnomalyKind.PCAPNG_BAD_BLOCK, String.format("block type 0x%08x with impossible total length %d", type, len));
                return false;
            }
            int n = (int) len;
            if (type != IDB && type != EPB && type != SPB && type != PB) {
                skipBlock(at, type, n);
                continue;
            }
            if (!in.ensure(n)) {
                truncated(at, type, n);
                return false;
            }
            int p = in.pos;
            int trailer = i32(p + n - 4);
            // Frame data stays valid after pos moves on: the window is only refilled by the next call.
            in.pos += n;
            if (trailer != n) {
                report(at, AnomalyKind.PCAPNG_BAD_BLOCK, String.format("block type 0x%08x: trailing length %d differs from leading length %d",
                        type, trailer & 0xffffffffL, n));
                continue;
            }
            if (type == IDB) interfaceBlock(at, p, n);
            else if (packetBlock(f, at, type, p, n)) return true;
        }
        return false;
    }

    /** Reads a section header at in.pos; null when read (and consumed), else why not (nothing consumed). */
    private Problem sectionHeader(long at) throws IOException {
        if (!in.ensure(12)) {
            return new Problem(AnomalyKind.PCAPNG_TRUNCATED_BLOCK, "section header cut short (" + in.available() + " bytes)");
        }
        int magic = PcapReader.be32(in.buf, in.pos + 8);
        boolean sw;
        if (magic == BYTE_ORDER_MAGIC) sw = false;
        else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) sw = true;
        else return new Problem(AnomalyKind.PCAPNG_BAD_BLOCK, String.format("section header with bad byte-order magic 0x%08x", magic));
        int raw = PcapReader.be32(in.buf, in.pos + 4);
        long len = (sw ? Integer.reverseBytes(raw) : raw) & 0xffffffffL;
        if (len < 28 || (len & 3) != 0 || len > Limit.PCAPNG_BLOCK.defaultInt()) {
            return new Problem(AnomalyKind.PCAPNG_BAD_BLOCK, "section header with impossible total length " + len);
        }
        int n = (int) len;
        if (!in.ensure(n)) {
            return new Problem(AnomalyKind.PCAPNG_TRUNCATED_BLOCK, "section header cut short: " + n + " bytes, " + in.available() + " present");
        }
        swapped = sw;
        int p = in.pos;
        int major = u16(p + 12), minor = u16(p + 14);
        if (major != 1) return new Problem(AnomalyKind.PCAPNG_BAD_BLOCK, "unsupported pcapng version " + major + "." + minor);
        int trailer = i32(p + n - 4);
        if (trailer != n) {
            // The byte order is known from the magic, so the section stays usable: note and go on.
            report(at, AnomalyKind.PCAPNG_BAD_BLOCK, "section header: trailing length " + (trailer & 0xffffffffL) + " differs from " + n);
        }
        interfaces.clear();
        sections++;
        in.pos += n;
        return null;
    }

    private void interfaceBlock(long at, int p, int n) {
        if (n < 20) {
            report(at, AnomalyKind.PCAPNG_BAD_BLOCK, "interface description block of " + n + " bytes, at least 20 needed");
            return;
        }
        if (interfaces.size() >= Limit.PCAPNG_INTERFACES.defaultInt()) {
            report(at, AnomalyKind.PCAPNG_TOO_MANY_INTERFACES, "more than " + Limit.PCAPNG_INTERFACES.defaultInt() + " interfaces in one section; ignored");
            return;
        }
        int linkType = u16(p + 8);
        int snapLen = i32(p + 12);
        int tsresol = -1;
        long tsOffset = 0;
        int o = p + 16, end = p + n - 4;
        while (end - o >= 4) {
            int code = u16(o), olen = u16(o + 2);
            if (code == OPT_END) break;
            int padded = (olen + 3) & ~3;
            if (padded > end - o - 4) {
                report(at, AnomalyKind.PCAPNG_BAD_OPTION, "interface option " + code + " of " + olen + " bytes overruns its block");
                break;
            }
            if (code == OPT_TSRESOL && olen == 1) tsresol = in.buf[o + 4] & 0xff;
            else if (code == OPT_TSOFFSET && olen == 8) tsOffset = i64(o + 4);
            else if (code == OPT_TSRESOL || code == OPT_TSOFFSET) {
                report(at, AnomalyKind.PCAPNG_BAD_OPTION, "interface option " + code + " with length " + olen);
            }
            o += 4 + padded;
        }
        PcapngInterface iface = PcapngInterface.of(linkType, snapLen, tsresol, tsOffset);
        if (iface == null) {
            report(at, AnomalyKind.PCAPNG_BAD_OPTION, "if_tsresol 0x" + Integer.toHexString(tsresol) + " out of range; microseconds assumed");
            iface = PcapngInterface.of(linkType, snapLen, -1, tsOffset);
        }
        interfaces.add(iface);
    }

    /** Fills f from an EPB, PB or SPB whose trailer was checked; false (reported) when the block is bad. */
    private boolean packetBlock(Frame f, long at, int type, int p, int n) {
        long ifId;
        int capLen, origLen, data;
        long ts = 0;
        if (type == SPB) {
            if (n < 16) return bad(at, "simple packet block of " + n + " bytes, at least 16 needed");
            ifId = 0;
            origLen = i32(p + 8);
            data = p + 12;
            capLen = origLen;
            if (!interfaces.isEmpty()) {
                int snap = interfaces.get(0).snapLen();
                if (snap > 0 && Integer.compareUnsigned(capLen, snap) > 0) capLen = snap;
            }
        } else {
            String name = type == EPB ? "enhanced packet block" : "packet block";
            if (n < 32) return bad(at, name + " of " + n + " bytes, at least 32 needed");
            ifId = type == EPB ? i32(p + 8) & 0xffffffffL : u16(p + 8);
            ts = (long) i32(p + 12) << 32 | (i32(p + 16) & 0xffffffffL);
            capLen = i32(p + 20);
            origLen = i32(p + 24);
            data = p + 28;
        }
        if (ifId >= interfaces.size()) {
            return bad(at, "interface id " + ifId + " not described (" + interfaces.size() + " interfaces in this section)");
        }
        int room = p + n - 4 - data;
        if (capLen < 0 || capLen > room) {
            return bad(at, "captured length " + (capLen & 0xffffffffL) + " does not fit a block with room for " + room);
        }
        PcapngInterface iface = interfaces.get((int) ifId);
        frames++;
        f.data = in.buf;
        f.offset = data;
        f.capLen = capLen;
        f.origLen = PcapReader.wireLength(origLen, capLen);
        if (type == SPB) {
            f.tsSeconds = 0; // an SPB carries no timestamp
            f.tsNanos = 0;
        } else {
            iface.stamp(f, ts);
        }
        f.linkType = iface.linkType();
        f.number = frames;
        f.fileOffset = at;
        return true;
    }

    private void skipBlock(long at, int type, int n) throws IOException {
        long body = n - 4;
        long skipped = in.skip(body);
        if (skipped < body || !in.ensure(4)) {
            done = true;
            report(at, AnomalyKind.PCAPNG_TRUNCATED_BLOCK, String.format("block type 0x%08x of %d bytes, %d present",
                    type, n, skipped + in.available()));
            in.skip(in.available());
            return;
        }
        int trailer = i32(in.pos);
        in.pos += 4;
        if (trailer != n) {
            report(at, AnomalyKind.PCAPNG_BAD_BLOCK, String.format("block type 0x%08x: trailing length %d differs from leading length %d",
                    type, trailer & 0xffffffffL, n));
        }
    }

    private void truncated(long at, int type, int n) throws IOException {
        report(at, AnomalyKind.PCAPNG_TRUNCATED_BLOCK, String.format("block type 0x%08x of %d bytes, %d present", type, n, in.available()));
        in.skip(in.available());
        done = true;
    }

    private boolean bad(long at, String detail) {
        report(at, AnomalyKind.PCAPNG_BAD_BLOCK, detail);
        return false;
    }

    private void stop(long at, AnomalyKind kind, String detail) {
        report(at, kind, detail);
        done = true;
    }

    private void report(long at, AnomalyKind kind, String detail) {
        anomalies.report(kind, frames + 1, at, detail);
    }

    @Override
    public long position() {
        return in.position();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int i32(int i) {
        int v = PcapReader.be32(in.buf, i);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    /** A 64-bit option value: whole in the section's byte order (unlike EPB timestamps, two 32-bit halves). */
    private long i64(int i) {
        long hi = i32(i), lo = i32(i + 4) & 0xffffffffL;
        if (swapped) {
            hi = i32(i + 4);
            lo = i32(i) & 0xffffffffL;
        }
        return hi << 32 | lo;
    }

    private int u16(int i) {
        int v = (in.buf[i] & 0xff) << 8 | (in.buf[i + 1] & 0xff);
        return swapped ? Integer.reverseBytes(v) >>> 16 : v;
    }
}
