package io.smbwatch.capture;

import static io.smbwatch.capture.CaptureTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.capture.CaptureTestSupport.Snap;
import io.smbwatch.stats.Anomalies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngReaderTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN, BE = ByteOrder.BIG_ENDIAN;
    private static final byte[] A = {1, 2, 3, 4, 5};
    private static final byte[] B = {9, 8, 7, 6, 5, 4, 3, 2};
    /** 2024-01-01T00:00:00Z. */
    private static final long T = 1_704_067_200L;

    @Test
    void twoInterfacesWithDifferentLinkTypesAndResolutions() throws IOException {
        byte[] file = new PcapngBuilder(LE)
                .idb(1, 262144, null, null)                 // Ethernet, microseconds (default)
                .idb(113, 65535, 9, null)                   // Linux SLL, nanoseconds
                .idb(101, 0, 0x80 | 20, 100L)               // raw IP, 2^-20 s, +100 s offset
                .epb(0, T * 1_000_000 + 250_000, A)
                .epb(1, T * 1_000_000_000 + 123_456_789, B)
                .epb(2, (T << 20) | (1 << 19), A, 3, 1500) // half a second
                .bytes();
        Anomalies an = new Anomalies();
        List<Snap> f = readAll(file, an);
        assertEquals(0, an.total(), an.kept().toString());
        assertEquals(3, f.size());
        assertEquals(1, f.get(0).linkType());
        assertEquals(T, f.get(0).tsSeconds());
        assertEquals(250_000_000, f.get(0).tsNanos());
        assertArrayEquals(A, f.get(0).data());
        assertEquals(113, f.get(1).linkType());
        assertEquals(T, f.get(1).tsSeconds());
        assertEquals(123_456_789, f.get(1).tsNanos());
        assertArrayEquals(B, f.get(1).data());
        assertEquals(101, f.get(2).linkType());
        assertEquals(T + 100, f.get(2).tsSeconds());
        assertEquals(500_000_000, f.get(2).tsNanos());
        assertEquals(3, f.get(2).capLen());
        assertEquals(1500, f.get(2).origLen());
        assertEquals(List.of(1L, 2L, 3L), f.stream().map(Snap::number).toList());
    }

    @Test
    void coarseAndFineResolutions() throws IOException {
        byte[] file = new PcapngBuilder(LE)
                .idb(1, 0, 0, null)           // whole seconds
                .idb(1, 0, 12, null)          // picoseconds
                .idb(1, 0, 0x80 | 40, null)   // 2^-40 s: beyond nanosecond precision
                .epb(0, T, A)
                // 64 bits of picoseconds or 2^-40 s reach only weeks past 1970: use small times
                .epb(1, 5 * 1_000_000_000_000L + 987_654_321_999L, A)
                .epb(2, (5L << 40) | (1L << 38), A) // a quarter second
                .bytes();
        Anomalies an = new Anomalies();
        List<Snap> f = readAll(file, an);
        assertEquals(0, an.total(), an.kept().toString());
        assertEquals(T, f.get(0).tsSeconds());
        assertEquals(0, f.get(0).tsNanos());
        assertEquals(5, f.get(1).tsSeconds());
        assertEquals(987_654_321, f.get(1).tsNanos());
        assertEquals(5, f.get(2).tsSeconds());
        assertEquals(250_000_000, f.get(2).tsNanos());
    }

    @Test
    void impossibleResolutionIsReportedAndMicrosecondsAssumed() throws IOException {
        byte[] file = new PcapngBuilder(LE).idb(1, 0, 19, null).epb(0, T * 1_000_000 + 7, A).bytes();
        Anomalies an = new Anomalies();
        List<Snap> f = readAll(file, an);
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAPNG_BAD_OPTION));
        assertEquals(T, f.get(0).tsSeconds());
        assertEquals(7000, f.get(0).tsNanos());
    }

    @Test
    void bigEndianSectionThenLittleEndianSectionResetsInterfaces() throws IOException {
        PcapngBuilder b = new PcapngBuilder(BE)
                .idb(1, 0, null, null)
                .idb(113, 0, null, -10L)            // negative if_tsoffset, big-endian
                .epb(1, T * 1_000_000, A)
                .section(LE)
                .idb(101, 0, 9, null)
                .epb(0, T * 1_000_000_000L + 5, B);
        int staleAt = b.size();
        byte[] file = b.epb(1, 0, A)          // interface 1 belonged to the first section only
                .epb(0, 0, A)
                .bytes();
        Anomalies an = new Anomalies();
        List<Snap> f;
        try (CaptureReader r = CaptureTestSupport.open(file, an)) {
            f = readAll(r);
            assertEquals(2, ((PcapngReader) r).sections());
            assertEquals(1, ((PcapngReader) r).interfaceCount());
        }
        assertEquals(3, f.size());
        assertEquals(113, f.get(0).linkType());
        assertArrayEquals(A, f.get(0).data());
        assertEquals(T - 10, f.get(0).tsSeconds());
        assertEquals(101, f.get(1).linkType());
        assertEquals(5, f.get(1).tsNanos());
        assertEquals(101, f.get(2).linkType());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAPNG_BAD_BLOCK));
        Anomalies.Anomaly x = an.kept().get(0);
        assertEquals(staleAt, x.fileOffset());
        assertEquals(3, x.frame());
        assertTrue(x.detail().contains("interface id 1"), x.detail());
    }

    @Test
    void simpleAndObsoletePacketBlocks() throws IOException {
        byte[] file = new PcapngBuilder(LE)
                .idb(1, 4, null, null)       // snaplen 4 cuts SPB data
                .spb(Arrays.copyOf(A, 4), 5)
                .pb(0, T * 1_000_000 + 1, B)
                .spb(new byte[] {7, 7}, 2)
                .bytes();
        Anomalies an = new Anomalies();
        List<Snap> f = readAll(file, an);
        assertEquals(0, an.total(), an.kept().toString());
        assertEquals(3, f.size());
        assertEquals(4, f.get(0).capLen());
        assertEquals(5, f.get(0).origLen());
        assertEquals(0, f.get(0).tsSeconds());
        assertEquals(0, f.get(0).tsNanos());
        assertArrayEquals(B, f.get(1).data());
        assertEquals(T, f.get(1).tsSeconds());
        assertEquals(1000, f.get(1).tsNanos());
        assertArrayEquals(new byte[] {7, 7}, f.get(2).data());
    }

    @Test
    void otherBlocksAreSkipped() throws IOException {
        byte[] file = new PcapngBuilder(LE)
                .block(4, new byte[] {1, 0, 8, 0, 10, 0, 0, 1, 'h', 'o', 's', 't', 0, 0, 0, 0, 0, 0, 0, 0}) // NRB
                .idb(1, 0, null, null)
                .block(0x0a, new byte[40])                 // decryption secrets
                .epb(0, 0, A)
                .block(5, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) // ISB
                .block(0x40000bad, new byte[] {1, 2, 3, 4, 5, 6}) // custom, not to be copied
                .block(0x7fff1234, new byte[0])            // unknown type
                .epb(0, 0, B)
                .bytes();
        Anomalies an = new Anomalies();
        List<Snap> f = readAll(file, an);
        assertEquals(0, an.total(), an.kept().toString());
        assertEquals(2, f.size());
        assertArrayEquals(B, f.get(1).data());
    }

    @Test
    void garbageWithPlausibleLengthIsSkippedAndReadingGoesOn() throws IOException {
        PcapngBuilder b = new PcapngBuilder(LE).idb(1, 0, null, null).epb(0, 0, A);
        int garbageAt = b.size();
        byte[] file = b.rawBlock(0xdeadbeef, 24, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 0x55555555)
                .epb(0, 0, B)
                .bytes();
        Anomalies an = new Anomalies();
        List<Snap> f = readAll(file, an);
        assertEquals(2, f.size());
        assertArrayEquals(B, f.get(1).data());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAPNG_BAD_BLOCK));
        assertEquals(garbageAt, an.kept().get(0).fileOffset());
        assertEquals(2, an.kept().get(0).frame());
    }

    @Test
    void packetBlockWithWrongTrailerIsSkipped() throws IOException {
        byte[] body = new byte[20 + 8];
        byte[] file = new PcapngBuilder(LE).idb(1, 0, null, null)
                .rawBlock(6, 40, body, 44)
                .epb(0, 0, A)
                .bytes();
        Anomalies an = new Anomalies();
        List<Snap> f = readAll(file, an);
        assertEquals(1, f.size());
        assertArrayEquals(A, f.get(0).data());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAPNG_BAD_BLOCK));
        assertTrue(an.kept().get(0).detail().contains("trailing length 44"), an.kept().get(0).detail());
    }

    @Test
    void garbageWithImpossibleLengthStopsCleanly() throws IOException {
        PcapngBuilder b = new PcapngBuilder(LE).idb(1, 0, null, null).epb(0, 0, A);
        int garbageAt = b.size();
        byte[] bytes = new byte[64];
        Arrays.fill(bytes, (byte) 0xab);                 // length 0xabababab: not a multiple of 4
        byte[] file = b.raw(bytes).epb(0, 0, B).bytes();
        Anomalies an = new Anomalies();
        List<Snap> f = readAll(file, an);
        assertEquals(1, f.size());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAPNG_BAD_BLOCK));
        assertEquals(garbageAt, an.kept().get(0).fileOffset());
        for (int len : new int[] {0, 8, 13}) {
            Anomalies an2 = new Anomalies();
            byte[] file2 = new PcapngBuilder(LE).idb(1, 0, null, null).rawBlock(6, len, new byte[0], len).epb(0, 0, A).bytes();
            assertEquals(0, readAll(file2, an2).size(), "length " + len);
            assertEquals(1, an2.count(io.smbwatch.stats.AnomalyKind.PCAPNG_BAD_BLOCK), "length " + len);
        }
    }

    @Test
    void hugeBlockLengthStopsWithoutAllocating() throws IOException {
        byte[] over = new PcapngBuilder(LE).idb(1, 0, null, null).epb(0, 0, A)
                .rawBlock(6, 0x7ffffff0, new byte[32], 0).bytes();
        // Under the cap but far beyond the file: truncation, and the window grows only with real data.
        byte[] under = new PcapngBuilder(LE).idb(1, 0, null, null).epb(0, 0, A)
                .rawBlock(6, io.smbwatch.config.Limit.PCAPNG_BLOCK.defaultInt() - 4, new byte[32], 0).bytes();
        Anomalies an = new Anomalies();
        long before = CaptureTestSupport.allocatedBytes();
        assertEquals(1, readAll(over, an).size());
        assertEquals(1, readAll(under, an).size());
        long used = CaptureTestSupport.allocatedBytes() - before;
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAPNG_BAD_BLOCK));
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAPNG_TRUNCATED_BLOCK));
        if (before >= 0) assertTrue(used < 8 << 20, "allocated " + used + " bytes");
    }

    @Test
    void capturedLengthMustFitTheBlock() throws IOException {
        byte[] file = new PcapngBuilder(LE).idb(1, 0, null, null)
                .epb(0, 0, A, 200, 200)   // claims 200 bytes, block holds 8
                .epb(0, 0, A, -1, 5)      // claims 4 GiB - 1
                .epb(0, 0, B)
                .bytes();
        Anomalies an = new Anomalies();
        List<Snap> f = readAll(file, an);
        assertEquals(1, f.size());
        assertArrayEquals(B, f.get(0).data());
        assertEquals(2, an.count(io.smbwatch.stats.AnomalyKind.PCAPNG_BAD_BLOCK));
        assertTrue(an.kept().get(0).detail().contains("captured length 200"), an.kept().get(0).detail());
        assertTrue(an.kept().get(1).detail().contains("4294967295"), an.kept().get(1).detail());
    }

    @Test
    void packetBeforeAnyInterfaceIsABadBlock() throws IOException {
        byte[] file = new PcapngBuilder(LE).spb(A, 5).epb(0, 0, A).idb(1, 0, null, null).epb(0, 0, B).bytes();
        Anomalies an = new Anomalies();
        List<Snap> f = readAll(file, an);
        assertEquals(1, f.size());
        assertEquals(2, an.count(io.smbwatch.stats.AnomalyKind.PCAPNG_BAD_BLOCK));
    }

    @Test
    void truncatedLastBlockIsReportedWithPosition() throws IOException {
        PcapngBuilder b = new PcapngBuilder(BE).idb(1, 0, null, null).epb(0, 0, A).epb(0, 0, B);
        int lastAt = b.size();
        byte[] whole = b.epb(0, 0, new byte[100]).bytes();
        for (int cut : new int[] {3, 10, 60}) {
            Anomalies an = new Anomalies();
            List<Snap> f = readAll(Arrays.copyOf(whole, lastAt + cut), an);
            assertEquals(2, f.size(), "cut " + cut);
            assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAPNG_TRUNCATED_BLOCK), "cut " + cut);
            assertEquals(lastAt, an.kept().get(0).fileOffset());
            assertEquals(3, an.kept().get(0).frame());
        }
    }

    @Test
    void truncatedSkippedBlockIsReported() throws IOException {
        byte[] whole = new PcapngBuilder(LE).idb(1, 0, null, null).epb(0, 0, A).block(5, new byte[400]).bytes();
        Anomalies an = new Anomalies();
        assertEquals(1, readAll(Arrays.copyOf(whole, whole.length - 100), an).size());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAPNG_TRUNCATED_BLOCK));
    }

    @Test
    void badFirstSectionHeaderIsAFormatError() {
        byte[] good = new PcapngBuilder(LE).idb(1, 0, null, null).bytes();
        byte[] badMagic = good.clone();
        badMagic[8] = 0x11;
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureTestSupport.open(badMagic, new Anomalies()));
        assertTrue(e.getMessage().contains("byte-order magic"), e.getMessage());
        byte[] v2 = good.clone();
        v2[12] = 2; // major version, little-endian
        e = assertThrows(CaptureFormatException.class, () -> CaptureTestSupport.open(v2, new Anomalies()));
        assertTrue(e.getMessage().contains("version 2.0"), e.getMessage());
        e = assertThrows(CaptureFormatException.class, () -> CaptureTestSupport.open(Arrays.copyOf(good, 20), new Anomalies()));
        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
    }

    @Test
    void badSectionHeaderMidFileStops() throws IOException {
        PcapngBuilder b = new PcapngBuilder(LE).idb(1, 0, null, null).epb(0, 0, A);
        int at = b.size();
        byte[] file = b.section(LE).idb(1, 0, null, null).epb(0, 0, B).bytes();
        file[at + 8] = 0; // spoil the second section's byte-order magic
        Anomalies an = new Anomalies();
        assertEquals(1, readAll(file, an).size());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAPNG_BAD_BLOCK));
        assertEquals(at, an.kept().get(0).fileOffset());
    }

    @Test
    void overrunningOptionIsReportedAndTheInterfaceKept() throws IOException {
        byte[] idbBody = {1, 0, 0, 0, 0, 0, 0, 0, 9, 0, 100, 0, 6, 0, 0, 0}; // if_tsresol claiming 100 bytes
        byte[] file = new PcapngBuilder(LE).block(1, idbBody).epb(0, 1_000_000, A).bytes();
        Anomalies an = new Anomalies();
        List<Snap> f = readAll(file, an);
        assertEquals(1, f.size());
        assertEquals(1, f.get(0).tsSeconds());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAPNG_BAD_OPTION));
    }

    @Test
    void nonSeekableChannelReadsTheSameAsAFile(@TempDir Path dir) throws IOException {
        PcapngBuilder b = new PcapngBuilder(LE).idb(1, 0, 9, null).idb(113, 0, null, null);
        for (int i = 0; i < 2500; i++) {
            byte[] d = new byte[100 + (i * 53) % 1400];
            Arrays.fill(d, (byte) i);
            if (i % 3 == 0) b.block(5, new byte[16]);
            b.epb(i & 1, T * 1_000_000 + i, d);
        }
        byte[] file = b.bytes();
        Path p = dir.resolve("big.pcapng");
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
        assertEquals(2500, fromFile.size());
        assertEquals(fromFile, fromPipe);
        assertEquals(113, fromFile.get(2499).linkType());
    }
}
