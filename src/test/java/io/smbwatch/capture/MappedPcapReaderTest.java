package io.smbwatch.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.stats.Anomalies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader sharded workers use, which copies only the bytes asked for, gives exactly the frames
 * and anomalies of the streamed reader: whole, head only, across window boundaries, cut anywhere.
 */
class MappedPcapReaderTest {
    @TempDir
    Path dir;

    private static final String[] SAMPLES = {"smb-sample.pcap", "rules-sample.pcap", "dcerpc-sample.pcap",
        "files-sample.pcap", "ms08067-sample.pcap", "scan-sample.pcap", "nullsession-sample.pcap"};

    @Test
    void theShippedSamplesGiveTheSameFramesAsStreamed() throws IOException {
        for (String name : SAMPLES) {
            Path p = Path.of("samples", name);
            byte[] bytes = Files.readAllBytes(p);
            var streamed = CaptureTestSupport.readAll(bytes, new Anomalies());
            try (CaptureReader r = Captures.openSkimming(p.toString(), new Anomalies(), Long.MAX_VALUE)) {
                assertInstanceOf(MappedPcapReader.class, r, name);
                assertEquals(streamed, CaptureTestSupport.readAll(r), name);
            }
        }
    }

    @Test
    void headsHoldTheirFirstBytesAndWholeFramesAreComplete() throws IOException {
        Path p = Path.of("samples/smb-sample.pcap");
        var streamed = CaptureTestSupport.readAll(Files.readAllBytes(p), new Anomalies());
        try (CaptureReader r = Captures.openSkimming(p.toString(), new Anomalies(), Long.MAX_VALUE)) {
            Frame f = new Frame();
            int i = 0;
            while (r.nextHead(f, 40)) {
                CaptureTestSupport.Snap want = streamed.get(i);
                assertEquals(want.capLen(), f.capLen, "a head keeps the record's length");
                assertEquals(want.number(), f.number);
                byte[] head = Arrays.copyOfRange(f.data, f.offset, f.offset + Math.min(40, f.capLen));
                assertArrayEquals(Arrays.copyOf(want.data(), Math.min(40, f.capLen)), head);
                if (i % 3 == 0) {          // some read whole, the others stepped over
                    r.whole(f);
                    assertEquals(want, CaptureTestSupport.snap(f));
                }
                i++;
            }
            assertEquals(streamed.size(), i);
        }
    }

    @Test
    void recordsAcrossWindowBoundariesAndBothByteOrders() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            // just over two windows of records of varied sizes (some large), so that records straddle
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Random rnd = new Random(11);
            try (PcapWriter w = new PcapWriter(out, 1, true, PcapWriter.DEFAULT_SNAPLEN, order)) {
                long written = 0;
                for (int i = 0; written < 2L * MappedFileChannel.WINDOW + 300_000; i++) {
                    int len = i % 50 == 0 ? 200_000 + rnd.nextInt(60_000) : 60 + rnd.nextInt(1500);
                    byte[] data = new byte[len];
                    rnd.nextBytes(data);
                    w.write(1_700_000_000L + i, i, data);
                    written += 16 + len;
                }
            }
            byte[] bytes = out.toByteArray();
            Path p = dir.resolve("big-" + order + ".pcap");
            Files.write(p, bytes);
            var streamed = CaptureTestSupport.readAll(bytes, new Anomalies());
            try (CaptureReader r = Captures.openSkimming(p.toString(), new Anomalies(), Long.MAX_VALUE)) {
                assertEquals(streamed, CaptureTestSupport.readAll(r));
            }
            // and stepping over most of them
            try (CaptureReader r = Captures.openSkimming(p.toString(), new Anomalies(), Long.MAX_VALUE)) {
                Frame f = new Frame();
                int i = 0;
                while (r.nextHead(f, 64)) {
                    if (i % 7 == 0) {
                        r.whole(f);
                        assertEquals(streamed.get(i), CaptureTestSupport.snap(f));
                    }
                    i++;
                }
                assertEquals(streamed.size(), i);
                assertEquals(bytes.length, r.position());
            }
        }
    }

    @Test
    void aFileCutAnywhereGivesTheSameFramesAndAnomalyAsStreamed() throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("samples/smb-sample.pcap"));
        Random rnd = new Random(3);
        List<Integer> cuts = new ArrayList<>(List.of(24, 25, 24 + 15, 24 + 16, 24 + 17, bytes.length - 1));
        for (int i = 0; i < 40; i++) cuts.add(24 + rnd.nextInt(bytes.length - 24));
        for (int cut : cuts) {
            byte[] part = Arrays.copyOf(bytes, cut);
            Path p = dir.resolve("cut.pcap");
            Files.write(p, part);
            Anomalies a1 = new Anomalies(), a2 = new Anomalies(), a3 = new Anomalies();
            var streamed = CaptureTestSupport.readAll(part, a1);
            try (CaptureReader r = Captures.openSkimming(p.toString(), a2, Long.MAX_VALUE)) {
                assertEquals(streamed, CaptureTestSupport.readAll(r), "cut at " + cut);
            }
            assertEquals(a1.kept(), a2.kept(), "cut at " + cut);
            try (CaptureReader r = Captures.openSkimming(p.toString(), a3, Long.MAX_VALUE)) {
                Frame f = new Frame();
                int n = 0;
                while (r.nextHead(f, 16)) n++;
                assertEquals(streamed.size(), n, "heads only, cut at " + cut);
            }
            assertEquals(a1.kept(), a3.kept(), "heads only, cut at " + cut);
        }
    }

    @Test
    void anImpossibleRecordLengthEndsTheReadingWithTheSameAnomaly() throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("samples/smb-sample.pcap"));
        // the second record's captured length (little-endian file) set far above the cap
        int first = 24 + 16 + (bytes[24 + 8] & 0xff | (bytes[24 + 9] & 0xff) << 8 | (bytes[24 + 10] & 0xff) << 16);
        byte[] bad = bytes.clone();
        bad[first + 11] = 0x7f;
        Path p = dir.resolve("bad.pcap");
        Files.write(p, bad);
        Anomalies a1 = new Anomalies(), a2 = new Anomalies();
        var streamed = CaptureTestSupport.readAll(bad, a1);
        try (CaptureReader r = Captures.openSkimming(p.toString(), a2, Long.MAX_VALUE)) {
            assertEquals(streamed, CaptureTestSupport.readAll(r));
        }
        assertEquals(1, streamed.size());
        assertEquals(a1.kept(), a2.kept());
        assertEquals(1, a2.count(io.smbwatch.stats.AnomalyKind.PCAP_BAD_RECORD_LENGTH), a2.counts().toString());
    }

    @Test
    void aLimitHoldsTheFrameSetWhenTheFileGrows() throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("samples/smb-sample.pcap"));
        Path p = dir.resolve("grow.pcap");
        Files.write(p, bytes);
        try (CaptureReader r = Captures.openSkimming(p.toString(), new Anomalies(), bytes.length)) {
            try (OutputStream o = Files.newOutputStream(p, java.nio.file.StandardOpenOption.APPEND)) {
                o.write(Arrays.copyOfRange(bytes, 24, bytes.length));     // the same records again
            }
            assertEquals(CaptureTestSupport.readAll(bytes, new Anomalies()), CaptureTestSupport.readAll(r));
        }
    }

    @Test
    void otherFormatsAreReadAsUsual() throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("samples/smb-sample.pcap"));
        Path gz = dir.resolve("x.pcap.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(bytes);
        }
        var streamed = CaptureTestSupport.readAll(bytes, new Anomalies());
        try (CaptureReader r = Captures.openSkimming(gz.toString(), new Anomalies(), Long.MAX_VALUE)) {
            Frame f = new Frame();
            List<CaptureTestSupport.Snap> got = new ArrayList<>();
            while (r.nextHead(f, 10)) {
                r.whole(f);
                got.add(CaptureTestSupport.snap(f));
            }
            assertEquals(streamed, got);
        }
    }
}
