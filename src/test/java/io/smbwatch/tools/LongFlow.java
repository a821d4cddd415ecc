package io.smbwatch.tools;

import io.smbwatch.capture.PcapWriter;
import io.smbwatch.packet.FrameBuilder;
import io.smbwatch.packet.LinkType;
import io.smbwatch.packet.Packet;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes to standard output a pcap of one SMB2 connection that lasts days and carries GIGABYTES
 * of Write data (64 KiB writes cut into 1448-byte segments, each acknowledged), with a Create of
 * a .dll every 1000 writes. For the long-flow memory figure in docs/PERFORMANCE.md:
 * {@code java -cp target/classes:target/test-classes io.smbwatch.tools.LongFlow 10 | ./smbwatch read -q -}
 */
public final class LongFlow {
    private static final int MSS = 1448;

    public static void main(String[] args) throws IOException {
        long gigabytes = args.length > 0 ? Long.parseLong(args[0]) : 1;
        long writes = gigabytes * (1L << 30) / 65536;
        OutputStream out = new BufferedOutputStream(System.out, 1 << 20);
        PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, false);
        long[] seq = {1, 1};
        long t0 = 1_700_000_000L;
        String c = "10.1.0.2", s = "10.1.0.1";
        emit(w, FrameBuilder.tcp(c, 50000, s, 445).seq(0).flags(Packet.TCP_SYN), t0, 0);
        emit(w, FrameBuilder.tcp(s, 445, c, 50000).seq(0).ack(1).flags(Packet.TCP_SYN | Packet.TCP_ACK), t0, 0);
        byte[] data = new byte[65536];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31 + 7);
        long fileId = 1;
        for (long i = 0; i < writes; i++) {
            long t = t0 + i * 7 * 86_400 / Math.max(1, writes);   // spread over a week
            if (i % 1000 == 0) {
                fileId++;
                send(w, c, s, true, seq, create(i, "payload" + fileId + ".dll"), t);
                send(w, s, c, false, seq, createResponse(i, fileId), t);
            }
            send(w, c, s, true, seq, write(i + 1_000_000_000L, fileId, i * 65536, data), t);
            send(w, s, c, false, seq, writeResponse(i + 1_000_000_000L), t);
        }
        out.flush();
    }

    static void send(PcapWriter w, String src, String dst, boolean toServer, long[] seq, byte[] smb, long t)
            throws IOException {
        send(w, src, dst, 50000, toServer, seq, smb, t);
    }

    /** One SMB message as TCP segments of a connection whose client uses {@code clientPort}. */
    static void send(PcapWriter w, String src, String dst, int clientPort, boolean toServer, long[] seq, byte[] smb, long t)
            throws IOException {
        byte[] msg = new byte[4 + smb.length];
        msg[1] = (byte) (smb.length >>> 16);
        msg[2] = (byte) (smb.length >>> 8);
        msg[3] = (byte) smb.length;
        System.arraycopy(smb, 0, msg, 4, smb.length);
        int d = toServer ? 0 : 1;
        for (int off = 0; off < msg.length; off += MSS) {
            byte[] seg = java.util.Arrays.copyOfRange(msg, off, Math.min(msg.length, off + MSS));
            FrameBuilder f = FrameBuilder.tcp(src, toServer ? clientPort : 445, dst, toServer ? 445 : clientPort)
                    .seq(seq[d]).ack(seq[1 - d]).flags(Packet.TCP_ACK | Packet.TCP_PSH).payload(seg);
            emit(w, f, t, off);
            seq[d] = (seq[d] + seg.length) & 0xffffffffL;
        }
    }

    static void emit(PcapWriter w, FrameBuilder f, long t, int micros) throws IOException {
        byte[] frame = f.ethernet();
        w.write(t, micros * 1000, frame);
    }

    private static ByteBuffer header(int command, boolean response, long messageId, int bodyLen) {
        ByteBuffer b = ByteBuffer.allocate(64 + bodyLen).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0xfe, 'S', 'M', 'B'}).putShort((short) 64).putShort((short) 1).putInt(0)
                .putShort((short) command).putShort((short) 1).putInt(response ? 1 : 0).putInt(0)
                .putLong(messageId).putInt(0).putInt(1).putLong(77).put(new byte[16]);
        return b;
    }

    static byte[] create(long id, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer b = header(5, false, id, 56 + n.length);
        b.position(64);
        b.putShort((short) 57).putShort((short) 0).putInt(2).putLong(0).putLong(0).putInt(0x12019f).putInt(0)
                .putInt(7).putInt(5).putInt(0x40).putShort((short) 120).putShort((short) n.length).putInt(0).putInt(0).put(n);
        return b.array();
    }

    static byte[] createResponse(long id, long fileId) {
        ByteBuffer b = header(5, true, id, 88);
        b.position(64).putShort((short) 89);
        b.position(64 + 64).putLong(fileId).putLong(fileId);
        return b.array();
    }

    static byte[] write(long id, long fileId, long offset, byte[] data) {
        ByteBuffer b = header(9, false, id, 48 + data.length);
        b.position(64).putShort((short) 49).putShort((short) 112).putInt(data.length).putLong(offset)
                .putLong(fileId).putLong(fileId).putInt(0).putInt(0).putShort((short) 0).putShort((short) 0).putInt(0);
        b.put(data);
        return b.array();
    }

    static byte[] writeResponse(long id) {
        ByteBuffer b = header(9, true, id, 16);
        b.position(64).putShort((short) 17).putShort((short) 0).putInt(65536);
        return b.array();
    }
}
