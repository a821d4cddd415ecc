package io.smbwatch.app.smb2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smbwatch.app.smb.SmbConnection;
import io.smbwatch.stats.SmbCounters;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each SMB2 cap that evicts state counts every eviction under its own anomaly kind. */
class Smb2CapsTest {
    private final Anomalies anomalies = new Anomalies();
    private long frame, messageId;

    private SmbConnection connection(Smb2Shared shared) {
        return new SmbConnection(null, m -> { }, anomalies, new SmbCounters(), shared);
    }

    private void send(SmbConnection c, int dir, ByteBuffer m) {
        c.dissect(dir, m.array(), 0, m.capacity(), false, ++frame);
    }

    private static ByteBuffer message(int command, boolean response, long messageId, int treeId, int bodyLen) {
        ByteBuffer b = ByteBuffer.allocate(64 + bodyLen).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0xfe, 'S', 'M', 'B'}).putShort((short) 64).putShort((short) 1).putInt(0)
                .putShort((short) command).putShort((short) 1).putInt(response ? 1 : 0).putInt(0)
                .putLong(messageId).putInt(0).putInt(treeId).putLong(0x1234).put(new byte[16]);
        return b;
    }

    /** A tree connect request for \\srv\share{n} and its response (tree id n). */
    private void connectTree(SmbConnection c, int n) {
        byte[] path = ("\\\\srv\\share" + n).getBytes(StandardCharsets.UTF_16LE);
        long id = ++messageId;
        ByteBuffer req = message(3, false, id, 0, 8 + path.length);
        req.putShort((short) 9).putShort((short) 0).putShort((short) 72).putShort((short) path.length).put(path);
        send(c, 0, req);
        ByteBuffer resp = message(3, true, id, n, 16);
        resp.putShort((short) 16).put((byte) 1).put((byte) 0).putInt(0).putInt(0).putInt(0x1f01ff);
        send(c, 1, resp);
    }

    /** A create request for file{n} and its response (file id n). */
    private void open(SmbConnection c, int n) {
        byte[] name = ("file" + n).getBytes(StandardCharsets.UTF_16LE);
        long id = ++messageId;
        ByteBuffer req = message(5, false, id, 1, 56 + name.length);
        req.putShort((short) 57).put((byte) 0).put((byte) 0).putInt(2).putLong(0).putLong(0)
                .putInt(0x80).putInt(0).putInt(7).putInt(1).putInt(0)
                .putShort((short) 120).putShort((short) name.length).putInt(0).putInt(0).put(name);
        send(c, 0, req);
        ByteBuffer resp = message(5, true, id, 1, 89);
        resp.putShort((short) 89).put((byte) 0).put((byte) 0).putInt(1).position(64 + 64);
        resp.putLong(n).putLong(n);
        send(c, 1, resp);
    }

    @Test
    void unansweredRequestsBeyondTheCapAreCounted() {
        SmbConnection c = connection(new Smb2Shared());
        for (int i = 0; i < io.smbwatch.config.Limit.SMB2_PENDING.defaultInt() + 7; i++) send(c, 0, message(13, false, ++messageId, 1, 4).putShort(64, (short) 4));
        assertEquals(7, anomalies.count(AnomalyKind.SMB2_PENDING_CAP), anomalies.counts().toString());
    }

    @Test
    void treesBeyondTheCapAreCounted() {
        SmbConnection c = connection(new Smb2Shared(8, 2, 8));
        for (int n = 1; n <= 5; n++) connectTree(c, n);
        assertEquals(3, anomalies.count(AnomalyKind.SMB2_TREE_CAP), anomalies.kept().toString());
        assertEquals(0, anomalies.count(AnomalyKind.SMB_MALFORMED_DATA), anomalies.kept().toString());
    }

    @Test
    void openFilesBeyondTheCapAreCounted() {
        Smb2Shared shared = new Smb2Shared(8, 8, 3);
        SmbConnection c = connection(shared);
        for (int n = 1; n <= 4; n++) open(c, n);
        assertEquals(1, anomalies.count(AnomalyKind.SMB2_FILE_CAP), anomalies.kept().toString());
        assertEquals(3, shared.openFiles());
        assertEquals("smb2.file_cap 1", anomalies.capsLine());
    }
}
