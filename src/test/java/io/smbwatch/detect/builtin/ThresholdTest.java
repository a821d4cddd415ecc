package io.smbwatch.detect.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smbwatch.capture.Frame;
import io.smbwatch.detect.Detection;
import io.smbwatch.detect.DetectorConfig;
import io.smbwatch.packet.FrameBuilder;
import io.smbwatch.packet.Packet;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each decision rule just below, at and above its threshold. */
class ThresholdTest {
    private long frameNo;

    private Frame frame(FrameBuilder b, long t) {
        Frame f = b.frame();
        f.number = ++frameNo;
        f.tsSeconds = t;
        return f;
    }

    static byte[] nbss(byte[] smb) {
        byte[] m = new byte[4 + smb.length];
        m[2] = (byte) (smb.length >>> 8);
        m[3] = (byte) smb.length;
        System.arraycopy(smb, 0, m, 4, smb.length);
        return m;
    }

    /** An SMB2 Session Setup response with {@code status}. */
    static byte[] sessionSetupResponse(long messageId, int status) {
        ByteBuffer b = ByteBuffer.allocate(64 + 9).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0xfe, 'S', 'M', 'B'}).putShort((short) 64).putShort((short) 1).putInt(status)
                .putShort((short) 1).putShort((short) 1).putInt(1).putInt(0).putLong(messageId).putInt(0).putInt(0)
                .putLong(99).put(new byte[16]).putShort((short) 9);
        return nbss(b.array());
    }

    /** {@code failures} refused logons, one per connection, {@code gap} seconds apart. */
    private List<Detection> guessing(int failures, long gap) {
        List<Detection> out = new ArrayList<>();
        Pipeline p = new Pipeline(Settings.defaults(), new io.smbwatch.app.tx.Transactions().deliver(new Detectors(DetectorConfig.defaults(), out::add)));
        for (int i = 0; i < failures; i++) {
            long t = 1_000_000 + i * gap;
            int port = 40000 + i;
            p.onFrame(frame(FrameBuilder.tcp("10.0.0.9", port, "10.0.0.1", 445).seq(0).flags(Packet.TCP_SYN), t));
            p.onFrame(frame(FrameBuilder.tcp("10.0.0.1", 445, "10.0.0.9", port).seq(0).ack(1).flags(Packet.TCP_SYN | Packet.TCP_ACK), t));
            byte[] r = sessionSetupResponse(i, 0xc000006d);
            p.onFrame(frame(FrameBuilder.tcp("10.0.0.1", 445, "10.0.0.9", port).seq(1).ack(1).flags(Packet.TCP_ACK).payload(r), t));
        }
        p.finish();
        return out;
    }

    @ParameterizedTest(name = "{0} failures, {1} s apart -> {2} detections")
    @CsvSource({"3, 1, 0", "4, 1, 1", "5, 1, 1", "7, 1, 1", "8, 1, 2", "4, 101, 0", "4, 100, 1"})
    void passwordGuessingAtItsThreshold(int failures, long gap, int detections) {
        List<Detection> d = guessing(failures, gap);
        assertEquals(detections, d.size());
        if (detections > 0) {
            assertEquals("10.0.0.9", d.get(0).src());
            assertEquals("password-guessing", d.get(0).detector());
        }
    }

    /** Attempts from one source to {@code hosts} distinct addresses, each refused. */
    private List<Detection> scan(int hosts, long gap) {
        List<Detection> out = new ArrayList<>();
        Pipeline p = new Pipeline(Settings.defaults(), new io.smbwatch.app.tx.Transactions().deliver(new Detectors(DetectorConfig.defaults(), out::add)));
        for (int i = 0; i < hosts; i++) {
            long t = 2_000_000 + i * gap;
            String dst = "10.1." + (i / 250) + "." + (1 + i % 250);
            p.onFrame(frame(FrameBuilder.tcp("10.0.0.7", 30000 + i, dst, 445).seq(0).flags(Packet.TCP_SYN), t));
            p.onFrame(frame(FrameBuilder.tcp(dst, 445, "10.0.0.7", 30000 + i).seq(0).ack(1).flags(Packet.TCP_RST | Packet.TCP_ACK), t));
        }
        p.finish();
        return out;
    }

    @ParameterizedTest(name = "{0} hosts, {1} s apart -> {2} detections")
    @CsvSource({"19, 1, 0", "20, 1, 1", "21, 1, 1", "40, 1, 2", "20, 4, 0", "20, 3, 1", "21, 3, 1"})
    void scanAtItsThreshold(int hosts, long gap, int detections) {
        List<Detection> d = scan(hosts, gap);
        assertEquals(detections, d.size());
        if (detections > 0) {
            assertEquals("10.0.0.7", d.get(0).src());
            assertEquals(20, d.get(0).details().get("refused"));
        }
    }

    /** An SMB1 Transaction request whose Bytes block is {@code bytes}, Flags2 Unicode or not. */
    static byte[] transaction(byte[] bytes, boolean unicode, int paramOffset, int paramCount) {
        ByteBuffer b = ByteBuffer.allocate(32 + 1 + 28 + 4 + 2 + bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0xff, 'S', 'M', 'B', 0x25}).putInt(0).put((byte) 0x18)
                .putShort((short) (unicode ? 0xc803 : 0x4803)).put(new byte[12]).putShort((short) 1)
                .putShort((short) 2).putShort((short) 3).putShort((short) 4);      // TID, PID, UID, MID
        b.put((byte) 16);                                         // WordCount: 14 + 2 setup words
        b.putShort((short) paramCount).putShort((short) 0).putShort((short) 1024).putShort((short) 1024)
                .put((byte) 0).put((byte) 0).putShort((short) 0).putInt(0).putShort((short) 0)
                .putShort((short) paramCount).putShort((short) paramOffset).putShort((short) 0).putShort((short) 0)
                .put((byte) 2).put((byte) 0).putShort((short) 0x26).putShort((short) 0x4000);
        b.putShort((short) bytes.length).put(bytes);
        return b.array();
    }

    @Test
    void transNameWellFormedUnicodeWithPadIsSilent() {
        byte[] name = "\\PIPE\\\0".getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[1 + name.length];                 // the pad byte, then the name
        System.arraycopy(name, 0, bytes, 1, name.length);
        byte[] m = transaction(bytes, true, 0, 0);
        assertNull(TransNameOverflow.check(m, 0, m.length));
        byte[] oem = "\\PIPE\\\0".getBytes(StandardCharsets.US_ASCII);
        byte[] o = transaction(oem, false, 0, 0);
        assertNull(TransNameOverflow.check(o, 0, o.length));
    }

    @Test
    void transNameWithoutTerminatorFires() {
        byte[] oem = "\\PIPE\\LANMANxxxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII);
        byte[] m = transaction(oem, false, 0, 0);
        assertNotNull(TransNameOverflow.check(m, 0, m.length));
        // terminated exactly on the last byte: silent (at the boundary)
        byte[] ok = "\\PIPE\\LANMAN\0".getBytes(StandardCharsets.US_ASCII);
        byte[] n = transaction(ok, false, 0, 0);
        assertNull(TransNameOverflow.check(n, 0, n.length));
    }

    @Test
    void transOffsetsOutsideTheMessageFire() {
        byte[] oem = "\\PIPE\\\0".getBytes(StandardCharsets.US_ASCII);
        byte[] m = transaction(oem, false, 60, 4);
        assertNull(TransNameOverflow.check(m, 0, m.length));        // parameters just inside
        byte[] far = transaction(oem, false, 1000, 4);
        assertNotNull(TransNameOverflow.check(far, 0, far.length));
    }
}
