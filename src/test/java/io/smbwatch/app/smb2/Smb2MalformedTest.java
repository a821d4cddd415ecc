package io.smbwatch.app.smb2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.smb.SmbConnection;
import io.smbwatch.stats.SmbCounters;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.stats.Anomalies;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile SMB2 messages become anomalies and bounded work, never exceptions. */
class Smb2MalformedTest {
    private final Anomalies anomalies = new Anomalies();
    private final List<SmbMessage> out = new ArrayList<>();
    private final SmbConnection conn = new SmbConnection(null, out::add, anomalies, new SmbCounters(), new Smb2Shared());
    private long frame;

    private void send(int dir, byte[] m) {
        conn.dissect(dir, m, 0, m.length, false, ++frame);
    }

    /** An SMB2 header for {@code command} followed by {@code body}. */
    static ByteBuffer header(int command, boolean response, long messageId, int nextCommand, int bodyLen) {
        ByteBuffer b = ByteBuffer.allocate(64 + bodyLen).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0xfe, 'S', 'M', 'B'}).putShort((short) 64).putShort((short) 1).putInt(0)
                .putShort((short) command).putShort((short) 1).putInt(response ? 1 : 0).putInt(nextCommand)
                .putLong(messageId).putInt(0).putInt(7).putLong(0x1234).put(new byte[16]);
        return b;
    }

    static byte[] createRequest(String name, int nameOffset, int nameLength) {
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer b = header(5, false, 9, 0, 56 + n.length);
        b.position(64);
        b.putShort((short) 57).put((byte) 0).put((byte) 0).putInt(2).putLong(0).putLong(0)
                .putInt(0x80).putInt(0).putInt(7).putInt(1).putInt(0)
                .putShort((short) nameOffset).putShort((short) nameLength).putInt(0).putInt(0);
        b.put(n);
        return b.array();
    }

    @Test
    void wellFormedCreateIsRead() {
        byte[] m = createRequest("evil.dll", 120, 16);
        send(0, m);
        assertEquals("Create Request File: evil.dll", out.get(0).info);
        assertEquals(0, anomalies.total());
    }

    @Test
    void nameOutsideTheMessageIsAnAnomaly() {
        send(0, createRequest("evil.dll", 120, 4000));
        send(0, createRequest("evil.dll", 65000, 16));
        assertEquals(2, out.size());
        assertTrue(out.get(0).malformed != null && out.get(1).malformed != null);
        assertEquals(2, anomalies.count(io.smbwatch.stats.AnomalyKind.SMB_MALFORMED_DATA));
    }

    @Test
    void oddLengthUnicodeNameIsCutNotThrown() {
        send(0, createRequest("evil.dll", 120, 15));
        assertEquals("Create Request File: evil.dl", out.get(0).info);
    }

    @Test
    void shortBodiesAreAnomaliesForEveryCommand() {
        for (int cmd = 0; cmd <= 18; cmd++) {
            for (boolean resp : new boolean[] {false, true}) {
                send(resp ? 1 : 0, header(cmd, resp, 100 + cmd, 0, 2).array());
            }
        }
        assertEquals(38, out.size());
        // every command whose body smbwatch reads reports the short body
        assertTrue(anomalies.count(io.smbwatch.stats.AnomalyKind.SMB_MALFORMED_DATA) >= 14, anomalies.counts().toString());
    }

    @Test
    void headerShorterThan64Bytes() {
        byte[] m = java.util.Arrays.copyOf(header(0, false, 1, 0, 0).array(), 40);
        send(0, m);
        assertEquals(0, out.size());
        assertEquals(1, anomalies.count(io.smbwatch.stats.AnomalyKind.SMB2_BAD_HEADER));
    }

    @Test
    void compoundPointingBackwardsOrPastTheEndStops() {
        ByteBuffer b = header(13, false, 1, 8, 4);      // NextCommand 8: inside its own header
        b.position(64).putShort((short) 4);
        send(0, b.array());
        ByteBuffer c = header(13, false, 2, 1 << 30, 4);
        c.position(64).putShort((short) 4);
        send(0, c.array());
        assertEquals(2, out.size());
        assertEquals(2, anomalies.count(io.smbwatch.stats.AnomalyKind.SMB2_BAD_NEXT_COMMAND));
    }

    @Test
    void longCompoundChainIsCapped() {
        int n = 200;
        ByteBuffer all = ByteBuffer.allocate(n * 72).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            ByteBuffer one = header(13, false, i, 72, 8);
            one.position(64).putShort((short) 4);
            all.put(one.array());
        }
        send(0, all.array());
        assertEquals(io.smbwatch.config.Limit.SMB2_COMPOUND.defaultInt(), out.size());
        assertEquals(1, anomalies.count(io.smbwatch.stats.AnomalyKind.SMB2_COMPOUND_TOO_LONG));
    }

    @Test
    void directoryListingWithALoopingEntryChainIsBounded() {
        // Query Directory request (FileIdBothDirectoryInformation) then a response whose entry points at itself.
        ByteBuffer q = header(14, false, 50, 0, 32 + 2);
        q.position(64).putShort((short) 33).put((byte) 0x25).put((byte) 0).putInt(0).putLong(1).putLong(2)
                .putShort((short) 96).putShort((short) 2).putInt(65536).put(new byte[] {'*', 0});
        send(0, q.array());
        int entry = 104 + 8;
        ByteBuffer r = header(14, true, 50, 0, 8 + entry);
        r.position(64).putShort((short) 9).putShort((short) 72).putInt(entry);
        r.position(72).putInt(0x7fffffff);                 // NextEntryOffset: far past the end
        r.position(72 + 60).putInt(8);                     // FileNameLength
        r.position(72 + 104).put("a.tx".getBytes(StandardCharsets.UTF_16LE));
        send(1, r.array());
        assertEquals(List.of("a.tx"), out.get(1).fields.all("smb2.filename").stream().map(Object::toString).toList());
    }

    @Test
    void randomMutationsNeverThrow() {
        byte[] base = createRequest("some\\path\\file.exe", 120, 36);
        Random rnd = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] m = base.clone();
            int flips = 1 + rnd.nextInt(8);
            for (int k = 0; k < flips; k++) m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(m.length + 1) : m.length;
            conn.dissect(rnd.nextInt(2), m, 0, len, false, ++frame);
        }
        assertTrue(out.size() > 10_000);
    }
}
