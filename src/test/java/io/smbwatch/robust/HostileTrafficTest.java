package io.smbwatch.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.smb2.Smb2Shared;
import io.smbwatch.capture.Frame;
import io.smbwatch.flow.FlowTable;
import io.smbwatch.packet.FrameBuilder;
import io.smbwatch.packet.Packet;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import io.smbwatch.stats.Stats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Traffic built to exhaust state: each case finishes with bounded tables, a counted anomaly or
 * eviction, and the rest of the traffic still analysed.
 */
class HostileTrafficTest {
    private long frameNo;
    private long time = 1_700_000_000L;

    private Frame frame(FrameBuilder b) {
        Frame f = b.frame();
        f.number = ++frameNo;
        f.tsSeconds = time;
        return f;
    }

    /** One SMB2 message in an NBSS frame. */
    static byte[] nbss(byte[] smb) {
        byte[] m = new byte[4 + smb.length];
        m[1] = (byte) (smb.length >>> 16);
        m[2] = (byte) (smb.length >>> 8);
        m[3] = (byte) smb.length;
        System.arraycopy(smb, 0, m, 4, smb.length);
        return m;
    }

    static ByteBuffer smb2(int command, boolean response, long messageId, int bodyLen) {
        ByteBuffer b = ByteBuffer.allocate(64 + bodyLen).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0xfe, 'S', 'M', 'B'}).putShort((short) 64).putShort((short) 1).putInt(0)
                .putShort((short) command).putShort((short) 1).putInt(response ? 1 : 0).putInt(0)
                .putLong(messageId).putInt(0).putInt(1).putLong(77).put(new byte[16]);
        return b;
    }

    @Test
    void hundredThousandFlowsStayWithinTheFlowCap() {
        List<SmbMessage> msgs = new ArrayList<>();
        Pipeline p = new Pipeline(Settings.defaults().withMaxFlows(10_000), msgs::add);
        for (int i = 0; i < 100_000; i++) {
            String src = "10." + (i >>> 16) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff);
            p.onFrame(frame(FrameBuilder.tcp(src, 40000 + (i % 20000), "192.0.2.1", 445).seq(i).flags(Packet.TCP_SYN)));
        }
        // the last flow still works: a whole SMB2 exchange is dissected
        byte[] echo = nbss(smb2(13, false, 5, 4).putShort(64, (short) 4).array());
        p.onFrame(frame(FrameBuilder.tcp("10.9.9.9", 5555, "192.0.2.1", 445).seq(1).flags(Packet.TCP_SYN)));
        p.onFrame(frame(FrameBuilder.tcp("10.9.9.9", 5555, "192.0.2.1", 445).seq(2).flags(Packet.TCP_ACK | Packet.TCP_PSH).payload(echo)));
        p.finish();
        Stats s = p.stats();
        assertEquals(100_001, s.flows);
        assertTrue(s.flowsEnded.get(FlowTable.EndReason.EVICTED) >= 90_000, "evictions counted");
        assertEquals(1, msgs.size());
        assertEquals("KeepAlive Request", msgs.get(0).info);
    }

    @Test
    void hugeNbssLengthWithATinyBodyAllocatesNothingBig() {
        List<SmbMessage> msgs = new ArrayList<>();
        Pipeline p = new Pipeline(Settings.defaults(), msgs::add);
        byte[] hostile = {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe, 'S', 'M', 'B', 64, 0, 1, 2, 3, 4};
        p.onFrame(frame(FrameBuilder.tcp("10.0.0.1", 5000, "10.0.0.2", 445).seq(0).flags(Packet.TCP_SYN)));
        p.onFrame(frame(FrameBuilder.tcp("10.0.0.1", 5000, "10.0.0.2", 445).seq(1).flags(Packet.TCP_ACK).payload(hostile)));
        p.onFrame(frame(FrameBuilder.tcp("10.0.0.1", 5000, "10.0.0.2", 445).seq(1 + hostile.length).flags(Packet.TCP_FIN | Packet.TCP_ACK)));
        long before = usedHeap();
        p.finish();
        assertTrue(usedHeap() - before < 8 << 20, "no allocation of the claimed 16 MiB");
        assertEquals(0, msgs.size());
        assertEquals(1, p.anomalies().count(io.smbwatch.stats.AnomalyKind.NBSS_INCOMPLETE_AT_END));
    }

    @Test
    void hundredThousandOpenFilesAreCapped() {
        List<SmbMessage> msgs = new ArrayList<>();
        Pipeline p = new Pipeline(Settings.defaults(), msgs::add);
        p.onFrame(frame(FrameBuilder.tcp("10.0.0.1", 5000, "10.0.0.2", 445).seq(0).flags(Packet.TCP_SYN)));
        p.onFrame(frame(FrameBuilder.tcp("10.0.0.2", 445, "10.0.0.1", 5000).seq(0).ack(1).flags(Packet.TCP_SYN | Packet.TCP_ACK)));
        long cseq = 1, sseq = 1;
        for (int i = 0; i < 100_000; i++) {
            String name = "f" + i + ".txt";
            byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
            ByteBuffer rq = smb2(5, false, i, 56 + n.length);
            rq.position(64);
            rq.putShort((short) 57).putShort((short) 0).putInt(2).putLong(0).putLong(0).putInt(0x80).putInt(0)
                    .putInt(7).putInt(1).putInt(0).putShort((short) 120).putShort((short) n.length).putInt(0).putInt(0).put(n);
            byte[] req = nbss(rq.array());
            ByteBuffer rs = smb2(5, true, i, 88);
            rs.position(64).putShort((short) 89);
            rs.position(64 + 64).putLong(i).putLong(i * 31L);   // FileId
            byte[] res = nbss(rs.array());
            p.onFrame(frame(FrameBuilder.tcp("10.0.0.1", 5000, "10.0.0.2", 445).seq(cseq).ack(sseq).flags(Packet.TCP_ACK).payload(req)));
            cseq += req.length;
            p.onFrame(frame(FrameBuilder.tcp("10.0.0.2", 445, "10.0.0.1", 5000).seq(sseq).ack(cseq).flags(Packet.TCP_ACK).payload(res)));
            sseq += res.length;
        }
        p.finish();
        assertEquals(200_000, msgs.size());
        assertEquals("Create Response File: f99999.txt", msgs.get(msgs.size() - 1).info);
        assertTrue(p.smb2Shared().openFiles() <= io.smbwatch.config.Limit.SMB2_FILES.defaultInt());
        assertTrue(p.smb2Shared().evictions() >= 100_000 - io.smbwatch.config.Limit.SMB2_FILES.defaultInt());
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
