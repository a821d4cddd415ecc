package io.smbwatch.capture;

import static io.smbwatch.capture.CaptureTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipCaptureTest {
    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(b);
        }
        return bos.toByteArray();
    }

    /** Incompressible frames, so a cut in the compressed file lands in the middle of the records. */
    private static byte[] pcap(int frames) throws IOException {
        Random rnd = new Random(42);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bos, 1, false)) {
            for (int i = 0; i < frames; i++) {
                byte[] d = new byte[1000];
                rnd.nextBytes(d);
                w.write(i, 0, d);
            }
        }
        return bos.toByteArray();
    }

    @Test
    void gzipPcapReadsLikeThePlainFile(@TempDir Path dir) throws IOException {
        byte[] plain = pcap(300);
        Path gz = dir.resolve("x.pcap.gz");
        Files.write(gz, gzip(plain));
        Anomalies an = new Anomalies();
        List<Snap> viaGzip;
        try (CaptureReader r = Captures.open(gz.toString(), an)) {
            viaGzip = readAll(r);
            assertEquals(plain.length, r.position(), "positions count decompressed bytes");
        }
        assertEquals(readAll(plain, new Anomalies()), viaGzip);
        assertEquals(300, viaGzip.size());
        assertEquals(0, an.total());
    }

    @Test
    void gzipPcapngFromAPipe() throws IOException {
        byte[] plain = new PcapngBuilder(ByteOrder.BIG_ENDIAN).idb(1, 0, null, null).epb(0, 5_000_000, new byte[] {1, 2, 3}).bytes();
        Anomalies an = new Anomalies();
        try (CaptureReader r = Captures.open(Channels.newChannel(CaptureTestSupport.trickle(new ByteArrayInputStream(gzip(plain)))), an)) {
            assertTrue(r instanceof PcapngReader);
            List<Snap> f = readAll(r);
            assertEquals(1, f.size());
            assertEquals(5, f.get(0).tsSeconds());
        }
        assertEquals(0, an.total());
    }

    @Test
    void cutGzipIsReportedAndEarlierFramesAreRead() throws IOException {
        byte[] gz = gzip(pcap(100));
        Anomalies an = new Anomalies();
        List<Snap> f = readAll(Arrays.copyOf(gz, gz.length / 2), an);
        assertTrue(f.size() > 10 && f.size() < 90, "frames " + f.size());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.GZIP_TRUNCATED), an.kept().toString());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.PCAP_TRUNCATED_RECORD), an.kept().toString());
    }

    @Test
    void corruptGzipIsReportedNotThrown() throws IOException {
        byte[] gz = gzip(pcap(100));
        for (int i = gz.length / 2; i < gz.length / 2 + 64; i++) gz[i] ^= 0x5a;
        Anomalies an = new Anomalies();
        List<Snap> f = readAll(gz, an);
        assertTrue(f.size() < 100, "frames " + f.size());
        assertEquals(1, an.count(io.smbwatch.stats.AnomalyKind.GZIP_CORRUPT) + an.count(io.smbwatch.stats.AnomalyKind.GZIP_TRUNCATED), an.kept().toString());
    }

    @Test
    void gzipOfSomethingElseIsAFormatError() throws IOException {
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> CaptureTestSupport.open(gzip("hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), new Anomalies()));
        assertTrue(e.getMessage().contains("unknown magic"), e.getMessage());
        e = assertThrows(CaptureFormatException.class, () -> CaptureTestSupport.open(gzip(gzip(pcap(1))), new Anomalies()));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        e = assertThrows(CaptureFormatException.class, () -> CaptureTestSupport.open(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0}, new Anomalies()));
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }
}
