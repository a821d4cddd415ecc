package io.smbwatch.app.smb1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.smb.SmbConnection;
import io.smbwatch.stats.SmbCounters;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;
import io.smbwatch.proto.smb1.Smb1Bytes;
import io.smbwatch.stats.Anomalies;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SMB1 through a connection: malformed messages become anomalies, and state is freed and capped. */
class Smb1HandlerTest {
    private static final int UNICODE = 0xc801;
    private final Anomalies anomalies = new Anomalies();
    private final List<SmbMessage> out = new ArrayList<>();
    private final SmbConnection conn = new SmbConnection(null, out::add, anomalies, new SmbCounters(),
            new io.smbwatch.app.smb2.Smb2Shared());
    private long frame;

    private void send(int dir, byte[] m) {
        conn.dissect(dir, m, 0, m.length, false, ++frame);
    }

    private SmbMessage last() {
        return out.get(out.size() - 1);
    }

    /** NT Create AndX request for {@code name} (Unicode), MID {@code mid}. */
    private static byte[] ntCreate(String name, int mid) {
        Smb1Bytes s = Smb1Bytes.header(0xa2, false, UNICODE, 0, 7, 100, mid);
        s.u8(24).u8(0xff).u8(0).u16(0).u8(0).u16(2 * name.length() + 2).zeros(48 - 7);
        s.u16(1 + 2 * name.length() + 2).u8(0).utf16z(name);
        return s.build();
    }

    private static byte[] ntCreateResponse(int fid, int mid) {
        Smb1Bytes s = Smb1Bytes.header(0xa2, true, UNICODE, 0, 7, 100, mid);
        s.u8(34).u8(0xff).u8(0).u16(0).u8(0).u16(fid).u32(1).zeros(68 - 11).u16(0);
        return s.build();
    }

    private static byte[] close(int fid, int mid, boolean response) {
        Smb1Bytes s = Smb1Bytes.header(0x04, response, UNICODE, 0, 7, 100, mid);
        return response ? s.u8(0).u16(0).build() : s.u8(3).u16(fid).u32(0).u16(0).build();
    }

    private static byte[] write(int fid, int mid, int dataOffset, int length) {
        Smb1Bytes s = Smb1Bytes.header(0x2f, false, UNICODE, 0, 7, 100, mid);
        s.u8(14).u8(0xff).u8(0).u16(0).u16(fid).u32(0).u32(0).u16(0).u16(0).u16(0).u16(length).u16(dataOffset).u32(0);
        s.u16(length + 1).u8(0);
        for (int i = 0; i < length; i++) s.u8('A');
        return s.build();
    }

    @Test
    void fileIsNamedByWritesAndFreedOnClose() {
        send(Flow.TO_SERVER, ntCreate("\\evil.dll", 1));
        assertEquals("NT Create AndX Request, Path: \\evil.dll", last().info);
        send(Flow.TO_CLIENT, ntCreateResponse(0x4004, 1));
        assertEquals("NT Create AndX Response, FID: 0x4004", last().info);
        send(Flow.TO_SERVER, write(0x4004, 2, 64, 3));
        assertEquals("Write AndX Request, FID: 0x4004, 3 bytes at offset 0", last().info);
        assertEquals("\\evil.dll", last().file);
        assertEquals("\\evil.dll", last().fields.getString("smb.file"));
        send(Flow.TO_SERVER, close(0x4004, 3, false));
        send(Flow.TO_CLIENT, close(0, 3, true));
        assertEquals("Close Response, FID: 0x4004", last().info);
        send(Flow.TO_SERVER, write(0x4004, 4, 64, 3));
        assertNull(last().file, "FID freed on Close");
        assertEquals(0, anomalies.total(), anomalies.kept().toString());
    }

    @Test
    void fileTableHoldsItsCap() {
        Smb1State small = new Smb1State(4, 4, 8, 8);
        Smb1Handler h = new Smb1Handler(anomalies, small);
        for (int i = 0; i < 100; i++) {
            byte[] req = ntCreate("\\g" + i, i);
            byte[] resp = ntCreateResponse(i, i);
            dissectWith(h, req, false);
            dissectWith(h, resp, true);
        }
        assertEquals(8, small.files.size());
        assertEquals(92, small.files.evicted());
        assertEquals(92, anomalies.count(io.smbwatch.stats.AnomalyKind.SMB1_FILE_CAP));
        assertEquals("\\g99", small.files.get(99).name);
    }

    /** Runs one single-command message through a given handler, as SmbConnection does. */
    private void dissectWith(Smb1Handler h, byte[] m, boolean response) {
        io.smbwatch.proto.smb1.Smb1Header hd = new io.smbwatch.proto.smb1.Smb1Header();
        assertTrue(hd.parse(m, 0, m.length));
        SmbMessage msg = new SmbMessage();
        msg.protocol = SmbMessage.SMB;
        msg.command = hd.command;
        msg.commandName = io.smbwatch.proto.smb.Smb1Commands.displayName(hd.command);
        msg.response = response;
        if (response) msg.status = hd.status & 0xffffffffL;
        msg.frame = ++frame;
        h.onCommand(msg, hd, m, 0, m.length, 32);
    }

    @Test
    void pendingRequestsAreCapped() {
        Smb1State small = new Smb1State(4, 4, 8, 16);
        Smb1Handler h = new Smb1Handler(anomalies, small);
        for (int i = 0; i < 100; i++) dissectWith(h, close(i, i, false), false);
        assertEquals(16, small.pending.size());
        assertEquals(84, anomalies.count(io.smbwatch.stats.AnomalyKind.SMB1_PENDING_CAP));
    }

    @Test
    void andXChainPointingAtItselfIsReportedOnce() {
        Smb1Bytes s = Smb1Bytes.header(0x74, false, UNICODE, 0, 0, 100, 1);
        s.u8(2).u8(0x74).u8(0).u16(32).u16(0);   // AndXOffset 32: this very block
        byte[] m = s.build();
        send(Flow.TO_SERVER, m);
        assertEquals(1, out.size());
        assertEquals(1, anomalies.count(io.smbwatch.stats.AnomalyKind.SMB1_BAD_ANDX_OFFSET));
    }

    @Test
    void andXChainPointingBackwardsIsReported() {
        Smb1Bytes s = Smb1Bytes.header(0x74, false, UNICODE, 0, 0, 100, 1);
        s.u8(2).u8(0x74).u8(0).u16(39).u16(0);   // first block -> second at 39
        s.u8(2).u8(0x74).u8(0).u16(32).u16(0);   // second -> back to the first
        send(Flow.TO_SERVER, s.build());
        assertEquals(2, out.size());
        assertEquals("Logoff AndX Request", out.get(0).info);
        assertEquals("Logoff AndX", out.get(1).info);
        assertEquals(1, anomalies.count(io.smbwatch.stats.AnomalyKind.SMB1_BAD_ANDX_OFFSET));
    }

    @Test
    void writeDataOutsideTheMessageIsReported() {
        send(Flow.TO_SERVER, write(0x4000, 1, 60000, 3));
        assertEquals(1, anomalies.count(io.smbwatch.stats.AnomalyKind.SMB1_BAD_LENGTH));
        assertEquals("Write AndX Request, FID: 0x4000, 3 bytes at offset 0", last().info);
    }

    @Test
    void byteCountLargerThanTheBufferIsReported() {
        Smb1Bytes s = Smb1Bytes.header(0x75, false, UNICODE, 0, 0xffff, 100, 1);
        s.u8(4).u8(0xff).u8(0).u16(0).u16(0).u16(1).u16(60000).u8(0).utf16z("\\\\h\\IPC$").ascii("?????").u8(0);
        send(Flow.TO_SERVER, s.build());
        assertTrue(anomalies.count(io.smbwatch.stats.AnomalyKind.SMB1_BAD_LENGTH) >= 1, anomalies.kept().toString());
        assertEquals("Tree Connect AndX Request, Path: \\\\h\\IPC$", last().info);
    }

    @Test
    void invalidUnicodeIsReported() {
        Smb1Bytes s = Smb1Bytes.header(0x75, false, UNICODE, 0, 0xffff, 100, 1);
        s.u8(4).u8(0xff).u8(0).u16(0).u16(0).u16(1).u16(1 + 2 + 4 + 6).u8(0);
        s.u16(0xdc00).u16(0).ascii("?????").u8(0);
        send(Flow.TO_SERVER, s.build());
        assertEquals(1, anomalies.count(io.smbwatch.stats.AnomalyKind.SMB1_BAD_UNICODE), anomalies.kept().toString());
    }

    @Test
    void wordCountTooSmallIsReported() {
        Smb1Bytes s = Smb1Bytes.header(0x2e, false, UNICODE, 0, 1, 100, 1);
        s.u8(2).u8(0xff).u8(0).u16(0).u16(0);
        send(Flow.TO_SERVER, s.build());
        assertEquals(1, anomalies.count(io.smbwatch.stats.AnomalyKind.SMB1_SHORT_WORDS));
        assertEquals("Read AndX Request", last().info);
    }

    @Test
    void dosErrorsAreNamed() {
        Smb1Bytes s = Smb1Bytes.header(0x74, true, 0x0001, 0x005b0002, 0, 100, 1);
        send(Flow.TO_CLIENT, s.u8(0).u16(0).build());
        assertEquals("Logoff AndX Response, Error: Bad userid", last().info);
        assertEquals(0xF102005BL, last().status);
        assertNull(last().fields.get("smb.nt_status"));
    }

    @Test
    void randomMessagesNeverThrow() {
        Random rnd = new Random(7);
        int[] cmds = {0x04, 0x08, 0x24, 0x25, 0x26, 0x2b, 0x2d, 0x2e, 0x2f, 0x32, 0x33, 0x71, 0x72, 0x73, 0x74, 0x75,
                0xa0, 0xa1, 0xa2, 0x41};
        for (int i = 0; i < 20000; i++) {
            byte[] body = new byte[rnd.nextInt(160)];
            rnd.nextBytes(body);
            if (body.length > 0) body[0] = (byte) rnd.nextInt(40);
            Smb1Bytes s = Smb1Bytes.header(cmds[rnd.nextInt(cmds.length)], rnd.nextBoolean(),
                    rnd.nextBoolean() ? UNICODE : 0, rnd.nextInt(3) == 0 ? rnd.nextInt() : 0, rnd.nextInt(4),
                    rnd.nextInt(4), rnd.nextInt(8));
            byte[] m = s.bytes(body).build();
            send(rnd.nextBoolean() ? Flow.TO_SERVER : Flow.TO_CLIENT, m);
        }
        assertTrue(anomalies.total() > 0);
    }
}
