package io.smbwatch.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.corpus.Eve;
import io.smbwatch.flow.Flow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The captures of scripts/make-files-sample.sh: smbclient puts and gets files of known SHA-256
 * (samples/files-sample.sha256) over SMB3 and SMB1; every upload and download must come out
 * whole with that hash. The 10 MiB capture is not committed: its test runs only when present.
 */
class FilesSampleTest {
    static Map<String, String> known() throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("samples", "files-sample.sha256"))) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 2) m.put(p[1], p[0]);
        }
        return m;
    }

    /** Each file put and got over SMB2 and SMB1: four whole transfers with its hash. */
    static void check(Path capture, List<String> names) throws IOException {
        Map<String, String> known = known();
        List<ExtractedFile> files = FilesVsSuricataTest.extract(capture);
        for (String n : names) {
            String sha = known.get(n);
            Set<String> seen = new TreeSet<>();
            for (ExtractedFile f : files) {
                if (!f.sha256().equals(sha)) continue;
                assertFalse(f.truncated(), n + " " + f);
                seen.add(f.protocol() + " " + (f.direction() == Flow.TO_SERVER ? "upload" : "download"));
            }
            assertEquals(Set.of("SMB2 upload", "SMB2 download", "SMB upload", "SMB download"), seen, n);
        }
    }

    @Test
    void smallFilesGiveTheirKnownHashes() throws IOException {
        check(Path.of("samples", "files-sample.pcap"), List.of("one.bin", "file64k.bin"));
    }

    @Test
    void suricataAgreesOnTheSample() throws IOException {
        Set<String> theirs = FilesVsSuricataTest.suricataSha256(
                Eve.parse(Files.readString(Path.of("samples", "expected", "files-sample", "eve.json"))));
        assertTrue(theirs.containsAll(List.of(known().get("one.bin"), known().get("file64k.bin"))));
        Set<String> ours = new TreeSet<>();
        for (ExtractedFile f : FilesVsSuricataTest.extract(Path.of("samples", "files-sample.pcap"))) ours.add(f.sha256());
        assertEquals(theirs, ours);
    }

    @Test
    void tenMebibyteFileWhenItsCaptureIsPresent() throws IOException {
        Path big = Path.of("samples", "large", "files-10m.pcap");
        Assumptions.assumeTrue(Files.exists(big), big + " absent (made by scripts/make-files-sample.sh, not committed)");
        check(big, List.of("file10m.bin"));
    }

    @Test
    void rangesKeepFirstDataAndCountGaps() {
        RangeSet r = new RangeSet(3);
        List<long[]> parts = new ArrayList<>();
        assertTrue(r.add(100, 200, (s, e) -> parts.add(new long[] {s, e})));
        assertTrue(r.add(0, 50, (s, e) -> parts.add(new long[] {s, e})));
        assertTrue(r.hasGaps());
        assertEquals(50, r.gapBytes());
        parts.clear();
        assertTrue(r.add(20, 150, (s, e) -> parts.add(new long[] {s, e})));   // overlaps both: only 50..100 is new
        assertEquals(1, parts.size());
        assertEquals(50, parts.get(0)[0]);
        assertEquals(100, parts.get(0)[1]);
        assertFalse(r.hasGaps());
        assertEquals(1, r.count());
        assertTrue(r.add(300, 310, (s, e) -> { }));
        assertTrue(r.add(400, 410, (s, e) -> { }));
        assertFalse(r.add(500, 510, (s, e) -> { }), "a fourth separate range is beyond the cap");
        assertTrue(r.add(310, 320, (s, e) -> { }), "a touching range still merges");
    }

    @Test
    void magicTypes() {
        byte[] pe = new byte[0x100];
        pe[0] = 'M'; pe[1] = 'Z'; pe[0x3c] = (byte) 0x80;
        pe[0x80] = 'P'; pe[0x81] = 'E'; pe[0x80 + 22] = 0x02; pe[0x80 + 23] = 0x20; pe[0x80 + 24] = 0x0b; pe[0x80 + 25] = 0x01;
        assertEquals("PE32 executable (DLL)", MagicType.of(pe, pe.length));
        assertEquals("PDF document", MagicType.of("%PDF-1.7".getBytes(), 8));
        assertEquals("script text (/bin/sh)", MagicType.of("#!/bin/sh\necho".getBytes(), 14));
        assertEquals("ELF executable", MagicType.of(new byte[] {0x7f, 'E', 'L', 'F', 2}, 5));
    }
}
