package io.smbwatch.capture;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.smbwatch.packet.DecodeResult;
import io.smbwatch.packet.Packet;
import io.smbwatch.packet.PacketDecoder;
import io.smbwatch.stats.Anomalies;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Reads every capture in ../shared/pcaps (real files from other projects) and compares with what
 * tshark saw when the counts were made: frames, and frames decoded as TCP and UDP. The counts live
 * in test resources so the test needs no tshark; see the command in each file's header.
 */
class SharedCapturesTest {
    private static Path shared() {
        Path project = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return project.resolve("../shared").normalize();
    }

    private static boolean isCapture(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".pcap.gz") || n.endsWith(".cap");
    }

    private static Map<String, long[]> table(String resource) throws IOException {
        Map<String, long[]> m = new LinkedHashMap<>();
        try (InputStream in = SharedCapturesTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cols = line.split("\t");
                long[] v = new long[cols.length - 1];
                for (int i = 1; i < cols.length; i++) v[i - 1] = Long.parseLong(cols[i].trim());
                m.put(cols[0], v);
            }
        }
        return m;
    }

    @Test
    void everySharedCaptureReadsLikeTshark() throws IOException {
        Path shared = shared();
        Path pcaps = shared.resolve("pcaps");
        Assumptions.assumeTrue(Files.isDirectory(pcaps), "../shared absent: no real captures at " + pcaps);
        Map<String, long[]> frames = table("/shared-frame-counts.tsv");
        Map<String, long[]> decoded = table("/shared-decode-counts.tsv");
        List<Path> files;
        try (Stream<Path> s = Files.walk(pcaps)) {
            files = s.filter(Files::isRegularFile).filter(SharedCapturesTest::isCapture).sorted().toList();
        }
        assertTrue(files.size() >= 10, "expected the shared corpus, found " + files.size() + " captures");
        List<String> seen = files.stream().map(p -> shared.relativize(p).toString().replace('\\', '/')).toList();
        List<String> gone = frames.keySet().stream().filter(k -> !seen.contains(k)).toList();
        // One heading per capture, so a failure names every file that differs.
        Stream<Executable> perFile = files.stream().map(p -> {
            String rel = shared.relativize(p).toString().replace('\\', '/');
            return () -> check(p, rel, frames.get(rel), decoded.get(rel));
        });
        Executable noneGone = () -> assertTrue(gone.isEmpty(), "counted but no longer in ../shared: " + gone);
        assertAll(Stream.concat(perFile, Stream.of(noneGone)));
    }

    private static void check(Path p, String rel, long[] frameCount, long[] decodeCounts) throws IOException {
        if (frameCount == null || decodeCounts == null) {
            fail(rel + " has no tshark counts in shared-frame-counts.tsv / shared-decode-counts.tsv: add them with the command in those files");
        }
        Anomalies an = new Anomalies();
        String at = rel + ": ";
        PacketDecoder decoder = new PacketDecoder();
        Map<DecodeResult, Long> results = new EnumMap<>(DecodeResult.class);
        Packet pkt = new Packet();
        long n = 0, lastNumber = 0;
        try (CaptureReader r = Captures.open(p.toString(), an)) {
            Frame f = new Frame();
            while (r.next(f)) {
                n++;
                assertEquals(lastNumber + 1, f.number, at + "frame numbers count up by one");
                lastNumber = f.number;
                results.merge(decoder.decode(f, pkt), 1L, Long::sum);
            }
            if (!rel.endsWith(".gz")) assertEquals(Files.size(p), r.position(), at + "whole file consumed");
        }
        assertEquals(0, an.total(), at + "anomalies: " + an.kept());
        assertEquals(frameCount[0], n, at + "frames");
        assertEquals(decodeCounts[0], results.getOrDefault(DecodeResult.TCP, 0L), at + "TCP frames; all results " + results);
        assertEquals(decodeCounts[1], results.getOrDefault(DecodeResult.UDP, 0L), at + "UDP frames; all results " + results);
        assertEquals(0, results.getOrDefault(DecodeResult.UNSUPPORTED_LINK, 0L), at + "unsupported link type");
    }
}
