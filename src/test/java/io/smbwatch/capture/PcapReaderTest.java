package io.smbwatch.capture;

import static io.smbwatch.capture.CaptureTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.capture.CaptureTestSupport.Snap;
import io.smbwatch.stats.Anomalies;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapReaderTest {
    private static final byte[] A = {1, 2, 3, 4, 5};
    private static final byte[] B = {9, 8, 7};

    private static byte[] capture(ByteOrder order, boolean nanos, int linkType, WriterBody body) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bos, linkType, nanos, 65535, order)) {
            body.write(w);
        }
        return bos.toByteArray();
    }

    interface WriterBody {
        void write(PcapWriter w) throws IOException;
    }

    @ParameterizedTest(name = "{0} nanos={1}")
    @CsvSource({"BIG_ENDIAN,false", "BIG_ENDIAN,true", "LITTLE_ENDIAN,false", "LITTLE_ENDIAN,true"})
    void readsBothByteOrdersAndResolutions(String orderName, boolean nanos) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] file = capture(order, nanos, 113, w -> {
            w.write(1_700_000_000L, 123_456_789, A);
            w.write(1_700_000_001L, 999_999_999, B, 0, 2, 1500);
        });
        byte[] magic = Arrays.copyOf(file, 4);
        byte[] expectMagic = nanos ? new byte[] {(byte) 0xa1, (byte) 0xb2, 0x3c, 0x4d} : new byte[] {(byte) 0xa1, (byte) 0xb2, (byte) 0xc3, (byte) 0xd4};
        if (order == ByteOrder.LITTLE_ENDIAN) expectMagic = reverse(expectMagic);
        assertArrayEquals(expectMagic, magic, "writer puts the magic in the requested order");

        Anomalies an = new Anomalies();
        List<Snap> frames = readAll(file, an);
        assertEquals(0, an.total(), an.kept().toString());
        assertEquals(2, frames.size());
        Snap a = frames.get(0);
        assertEquals(1, a.number());
        assertEquals(24, a.fileOffset());
        assertEquals(1_700_000_000L, a.tsSeconds());
        assertEquals(nanos ? 123_456_789 : 123_456_000, a.tsNanos());
        assertEquals(113, a.linkType());
        assertArrayEquals(A, a.data());
        assertEquals(5, a.origLen());
        Snap b = frames.get(1);
        assertEquals(2, b.number());
        assertEquals(24 + 16 + 5, b.fileOffset());
        assertEquals(nanos ? 999_999_999 : 999_999_000, b.tsNanos());
        assertEquals(2, b.capLen());
        assertEquals(1500, b.origLen());
        assertArrayEquals(new byte[] {9, 8}, b.data());
    }

    @Test
    void fcsBitsAboveTheLinkTypeAreIgnored() throws IOException {
        // libpcap puts the FCS length in the top 4 bits and a flag in bit 26 of the link type field.
        byte[] file = capture(ByteOrder.LITTLE_ENDIAN, false, 0x4000_0000 | 0x0400_0000 | 1, w -> w.write(0, 0, A));
        List<Snap> frames = readAll(file, new Anomalies());
        assertEquals(1, frames.get(0).linkType());
    }

    @Test
    void truncatedLastRecordIsReportedAndEarlierFramesAreRead() throws IOException {
        byte[] whole = capture(ByteOrder.LITTLE_ENDIAN, false, 1, w -> {
            w.write(1, 0, A);
            w.write(2, 0, B);
            w.write(3, 0, new byte[100]);
        });
        byte[] cut = Arrays.copyOf(whole, whole.length - 40);
        Anomalies an = new Anomalies();
        List<Snap> frames = readAll(cut, an);
        assertEquals(2, frames.size());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAP_TRUNCATED_RECORD));
        Anomalies.Anomaly x = an.kept().get(0);
        assertEquals(3, x.frame());
        assertEquals(24 + 16 + 5 + 16 + 3, x.fileOffset());
        assertTrue(x.toString().contains("frame 3") && x.toString().contains("byte offset 64"), x.toString());
    }

    @Test
    void partialRecordHeaderAtTheEndIsReported() throws IOException {
        byte[] whole = capture(ByteOrder.BIG_ENDIAN, true, 1, w -> {
            w.write(1, 0, A);
            w.writeRaw(new byte[7]);
        });
        Anomalies an = new Anomalies();
        assertEquals(1, readAll(whole, an).size());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAP_TRUNCATED_RECORD_HEADER));
        assertEquals(2, an.kept().get(0).frame());
        assertEquals(24 + 16 + 5, an.kept().get(0).fileOffset());
    }

    @Test
    void zeroLengthRecordIsAFrame() throws IOException {
        byte[] file = capture(ByteOrder.LITTLE_ENDIAN, false, 1, w -> {
            w.write(5, 0, new byte[0]);
            w.write(6, 0, A);
        });
        Anomalies an = new Anomalies();
        List<Snap> frames = readAll(file, an);
        assertEquals(2, frames.size());
        assertEquals(0, frames.get(0).capLen());
        assertArrayEquals(A, frames.get(1).data());
        assertEquals(0, an.total());
    }

    @Test
    void recordClaimingTwoGigabytesStopsCleanlyWithoutAllocating() throws IOException {
        byte[] file = capture(ByteOrder.LITTLE_ENDIAN, false, 1, w -> {
            w.write(1, 0, A);
            w.writeRecordHeader(2, 0, 0x8000_0000L, 0x8000_0000L);
            w.writeRaw(new byte[64]);
        });
        Anomalies an = new Anomalies();
        long before = CaptureTestSupport.allocatedBytes();
        List<Snap> frames = readAll(file, an);
        long used = CaptureTestSupport.allocatedBytes() - before;
        assertEquals(1, frames.size());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAP_BAD_RECORD_LENGTH));
        assertEquals(2, an.kept().get(0).frame());
        assertEquals(24 + 16 + 5, an.kept().get(0).fileOffset());
        if (before >= 0) assertTrue(used < 8 << 20, "allocated " + used + " bytes");
    }

    @Test
    void recordJustUnderTheCapButBeyondTheFileIsTruncationNotAllocation() throws IOException {
        byte[] file = capture(ByteOrder.LITTLE_ENDIAN, false, 1, w -> w.writeRecordHeader(1, 0, io.smbwatch.config.Limit.PCAP_RECORD.defaultInt(), io.smbwatch.config.Limit.PCAP_RECORD.defaultInt()));
        Anomalies an = new Anomalies();
        assertEquals(0, readAll(file, an).size());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAP_TRUNCATED_RECORD));
    }

    @Test
    void badMagicIsAClearFormatError() {
        byte[] text = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureTestSupport.open(text, new Anomalies()));
        assertTrue(e.getMessage().contains("0x47455420") && e.getMessage().contains("pcap"), e.getMessage());
    }

    @Test
    void tooShortInputIsAFormatError() throws IOException {
        assertThrows(CaptureFormatException.class, () -> CaptureTestSupport.open(new byte[0], new Anomalies()));
        assertThrows(CaptureFormatException.class, () -> CaptureTestSupport.open(new byte[] {1, 2}, new Anomalies()));
        byte[] header = capture(ByteOrder.LITTLE_ENDIAN, false, 1, w -> {});
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> CaptureTestSupport.open(Arrays.copyOf(header, 20), new Anomalies()));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        // Header alone: a valid, empty capture.
        Anomalies an = new Anomalies();
        assertEquals(0, readAll(header, an).size());
        assertEquals(0, an.total());
    }

    @Test
    void nonSeekableChannelReadsTheSameAsAFile(@TempDir Path dir) throws IOException {
        // Several windows' worth, so the buffer is refilled and compacted many times.
        byte[] file = capture(ByteOrder.LITTLE_ENDIAN, true, 1, w -> {
            for (int i = 0; i < 3000; i++) {
                byte[] d = new byte[200 + (i * 37) % 1300];
                Arrays.fill(d, (byte) i);
                w.write(1000 + i, i, d);
            }
        });
        Path p = dir.resolve("big.pcap");
        Files.write(p, file);
        List<Snap> fromFile;
        try (CaptureReader r = Captures.open(p.toString(), new Anomalies())) {
            fromFile = readAll(r);
            assertEquals(file.length, r.position());
        }
        List<Snap> fromPipe;
        try (CaptureReader r = Captures.open(Channels.newChannel(CaptureTestSupport.trickle(new ByteArrayInputStream(file))), new Anomalies())) {
            fromPipe = readAll(r);
        }
        assertEquals(3000, fromFile.size());
        assertEquals(fromFile, fromPipe);
        assertEquals(2999, fromFile.get(2999).tsNanos());
        assertEquals((byte) 2999, fromFile.get(2999).data()[0]);
    }

    @Test
    void missingFileIsAnIoError() {
        assertThrows(IOException.class, () -> Captures.open("/nonexistent/dir/x.pcap", new Anomalies()));
    }

    @Test
    void frameCanBeWrittenBackUnchanged() throws IOException {
        byte[] file = capture(ByteOrder.LITTLE_ENDIAN, true, 1, w -> {
            w.write(7, 5, A);
            w.write(8, 6, B, 0, 3, 60);
        });
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (CaptureReader r = CaptureTestSupport.open(file, new Anomalies());
                PcapWriter w = new PcapWriter(copy, 1, true, 65535, ByteOrder.LITTLE_ENDIAN)) {
            Frame f = new Frame();
            while (r.next(f)) w.write(f);
        }
        assertArrayEquals(file, copy.toByteArray());
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
        return r;
    }

    @Test
    void readerStaysDoneAfterTheEnd() throws IOException {
        byte[] file = capture(ByteOrder.LITTLE_ENDIAN, false, 1, w -> w.write(1, 0, A));
        try (CaptureReader r = CaptureTestSupport.open(file, new Anomalies())) {
            Frame f = new Frame();
            assertTrue(r.next(f));
            assertFalse(r.next(f));
            assertFalse(r.next(f));
        }
    }
}
