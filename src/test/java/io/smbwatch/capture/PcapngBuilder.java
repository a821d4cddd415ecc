package io.smbwatch.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds pcapng files block by block for tests, including deliberately broken blocks. */
final class PcapngBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    PcapngBuilder(ByteOrder order) {
        section(order);
    }

    /** A section header block (version 1.0, unknown section length); later blocks use its byte order. */
    PcapngBuilder section(ByteOrder order) {
        this.order = order;
        ByteBuffer body = buf(16).putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1);
        return block(0x0a0d0d0a, body.array());
    }

    /** An interface description; tsresol and tsOffset are written as options when not null. */
    PcapngBuilder idb(int linkType, int snapLen, Integer tsresol, Long tsOffset) {
        ByteBuffer b = buf(8 + 8 + 12 + 4).putShort((short) linkType).putShort((short) 0).putInt(snapLen);
        if (tsresol != null) b.putShort((short) 9).putShort((short) 1).put((byte) (int) tsresol).put(new byte[3]);
        if (tsOffset != null) b.putShort((short) 14).putShort((short) 8).putLong(tsOffset);
        b.putInt(0); // opt_endofopt
        return block(1, slice(b));
    }

    PcapngBuilder epb(int ifId, long ts, byte[] data) {
        return epb(ifId, ts, data, data.length, data.length);
    }

    /** Enhanced packet block with the given lengths; capLen bytes of data are written (padded). */
    PcapngBuilder epb(int ifId, long ts, byte[] data, int capLen, int origLen) {
        int written = Math.max(0, Math.min(capLen, data.length));
        ByteBuffer b = buf(20 + pad(written)).putInt(ifId).putInt((int) (ts >>> 32)).putInt((int) ts)
                .putInt(capLen).putInt(origLen).put(data, 0, written);
        return block(6, b.array());
    }

    /** Obsolete packet block (type 2): 16-bit interface id and drop count. */
    PcapngBuilder pb(int ifId, long ts, byte[] data) {
        ByteBuffer b = buf(20 + pad(data.length)).putShort((short) ifId).putShort((short) 0)
                .putInt((int) (ts >>> 32)).putInt((int) ts).putInt(data.length).putInt(data.length).put(data);
        return block(2, b.array());
    }

    /** Simple packet block: only the original length and the data. */
    PcapngBuilder spb(byte[] data, int origLen) {
        ByteBuffer b = buf(4 + pad(data.length)).putInt(origLen).put(data);
        return block(3, b.array());
    }

    /** A block with a correct frame around an arbitrary body (padded to 4). */
    PcapngBuilder block(int type, byte[] body) {
        int len = 12 + pad(body.length);
        return rawBlock(type, len, body, len);
    }

    /** A block whose two length fields are whatever the test says. */
    PcapngBuilder rawBlock(int type, int leadingLen, byte[] body, int trailingLen) {
        ByteBuffer b = buf(12 + pad(body.length)).putInt(type).putInt(leadingLen).put(body);
        b.position(b.capacity() - 4);
        b.putInt(trailingLen);
        out.writeBytes(b.array());
        return this;
    }

    PcapngBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Offset the next block will start at. */
    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    private static byte[] slice(ByteBuffer b) {
        byte[] r = new byte[b.position()];
        System.arraycopy(b.array(), 0, r, 0, r.length);
        return r;
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
