package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caps of the outputs (display filter, file extraction) are counted on the statistics' caps line when hit, and only then. */
class OutputCapsTest {
    private static final Path FILES = Path.of("samples/files-sample.pcap");
    private static final Path SAMPLE = Path.of("samples/smb-sample.pcap");

    private static long cap(String err, String key) {
        Matcher m = Pattern.compile("(?m)^caps:.*\\b" + Pattern.quote(key) + " (\\d+)").matcher(err);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void dataBeyondTheFileSizeCapIsCounted(@TempDir Path dir) {
        ReadCommandTest.Result all = ReadCommandTest.runHere(null, "read", "-q", "-l", dir.resolve("a").toString(), FILES.toString());
        assertEquals(0, all.code(), all.err());
        assertEquals(0, cap(all.err(), "files.extraction_cap"), all.err());
        ReadCommandTest.Result one = ReadCommandTest.runHere(null, "read", "-q", "--limit", "files.size=1000",
                "-l", dir.resolve("b").toString(), FILES.toString());
        assertEquals(0, one.code(), one.err());
        assertTrue(cap(one.err(), "files.extraction_cap") > 0, one.err());
    }

    @Test
    void framesWithMoreMessagesThanTheFilterHoldsAreCounted() {
        ReadCommandTest.Result all = ReadCommandTest.runHere(null, "read", "-Y", "smb || smb2", SAMPLE.toString());
        assertEquals(0, all.code(), all.err());
        assertEquals(0, cap(all.err(), "output.filter_held_cap"), all.err());
        ReadCommandTest.Result one = ReadCommandTest.runHere(null, "read", "-Y", "smb || smb2", "--limit", "filter.held-messages=1",
                SAMPLE.toString());
        assertEquals(0, one.code(), one.err());
        assertTrue(cap(one.err(), "output.filter_held_cap") > 0, one.err());
    }
}
