package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read command end to end on the repository's sample capture, run as a separate JVM so that
 * standard output, standard error and the exit code are the real ones.
 */
class ReadCommandTest {
    static final Path SAMPLE = Path.of("samples/smb-sample.pcap");

    record Result(int code, String out, String err) {}

    /**
     * The same command in this JVM, through {@link Main#run(java.io.OutputStream, java.io.PrintStream, String...)}:
     * no process to start, for sweeps over many captures. {@code stdin} stands in for System.in during the run.
     */
    static synchronized Result runHere(byte[] stdin, String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(), err = new java.io.ByteArrayOutputStream();
        java.io.InputStream in = System.in;
        if (stdin != null) System.setIn(new java.io.ByteArrayInputStream(stdin));
        try {
            int code = Main.run(out, new java.io.PrintStream(err, true, StandardCharsets.UTF_8), args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(in);
        }
    }

    static Result run(byte[] stdin, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.smbwatch.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        if (stdin != null) p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        return new Result(p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void textLinesOnStdoutStatisticsOnStderr() throws Exception {
        Result r = run(null, "read", SAMPLE.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("SMB2     Create Request File: evil.dll"), r.out());
        assertTrue(r.out().contains("SMB      Negotiate Protocol Request"), r.out());
        assertTrue(!r.out().contains("statistics"), "stdout stays clean for scripts");
        assertTrue(r.err().contains("packets:                     192"), r.err());
        assertTrue(!r.err().contains("\r"), "no progress line when standard error is not a terminal");
    }

    @Test
    void jsonLinesHaveTheStableKeys() throws Exception {
        Result r = run(null, "read", "--json", SAMPLE.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines.length > 100);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            for (String k : new String[] {"frame", "time", "src", "sport", "dst", "dport", "protocol", "command",
                    "command_name", "response", "status", "info"}) {
                assertTrue(n.has(k), "missing " + k + " in " + line);
            }
            assertTrue(n.get("time").asText().matches("\\d+\\.\\d{9}"), line);
        }
        JsonNode create = null;
        for (String line : lines) {
            if (line.contains("Create Request File: evil.dll")) create = json.readTree(line);
        }
        assertEquals("evil.dll", create.get("file").asText());
        assertEquals("\\\\127.0.0.1\\data", create.get("tree").asText());
        assertEquals("smbtest", create.get("user").asText());
        assertEquals("evil.dll", create.get("fields").get("smb2.filename").asText());
        for (String line : lines) assertTrue(!line.contains("\"unknown\""), "a whole capture leaves nothing unknown: " + line);
        JsonNode first = json.readTree(lines[0]);
        assertEquals(4, first.get("frame").asInt());
        assertEquals("SMB", first.get("protocol").asText());
        assertEquals(0x72, first.get("command").asInt());
        assertTrue(first.get("status").isNull(), "requests carry no status");
    }

    @Test
    void standardInputReadsLikeAFile() throws Exception {
        Result file = run(null, "read", SAMPLE.toString());
        Result pipe = run(Files.readAllBytes(SAMPLE), "read", "-");
        assertEquals(0, pipe.code(), pipe.err());
        assertEquals(file.out(), pipe.out());
    }

    @Test
    void midstreamReferencesAreMarkedUnknown(@TempDir Path dir) throws Exception {
        // the sample without its first 41 frames: the Create of evil.dll comes before the cut
        java.util.List<io.smbwatch.capture.Frame> frames = new io.smbwatch.corpus.Frames(SAMPLE).frames;
        Path cut = dir.resolve("cut.pcap");
        try (var out = java.nio.file.Files.newOutputStream(cut)) {
            io.smbwatch.capture.PcapWriter w = new io.smbwatch.capture.PcapWriter(out, 1, false);
            for (io.smbwatch.capture.Frame f : frames) if (f.number > 43) w.write(f);
        }
        Result r = run(null, "read", "--json", cut.toString());
        assertEquals(0, r.code(), r.err());
        String write = java.util.Arrays.stream(r.out().split("\n")).filter(l -> l.contains("Write Request")).findFirst().orElseThrow();
        assertTrue(write.contains("\"unknown\":[\"session\",\"tree\",\"file\"]"), write);
    }

    @Test
    void quietPrintsStatisticsOnly() throws Exception {
        Result r = run(null, "read", "-q", SAMPLE.toString());
        assertEquals(0, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("smb_messages:"));
    }

    @Test
    void rulesProfileShowsTheGroupsAndWhatThePrefilterScanned(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("x.rules");
        Files.writeString(rules, "alert tcp any any -> any 445 (msg:\"dll\"; flow:to_server; content:\"SMB\"; depth:8; "
                + "content:\".|00|d|00|l|00|l|00|\"; nocase; distance:0; sid:1;)\n");
        Result r = run(null, "read", "-q", "--rules-profile", "-S", rules.toString(), Path.of("samples/rules-sample.pcap").toString());
        assertEquals(0, r.code(), r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("prefilter: +(\\d+) payloads, (\\d+) bytes scanned").matcher(r.err());
        assertTrue(m.find(), r.err());
        assertTrue(Long.parseLong(m.group(1)) > 0 && Long.parseLong(m.group(2)) > 0, m.group());
        assertTrue(r.err().contains("group nbss-frame  to_server"), r.err());
        // without the option, no profile
        Result q = run(null, "read", "-q", "-S", rules.toString(), Path.of("samples/rules-sample.pcap").toString());
        assertTrue(!q.err().contains("prefilter:"), q.err());
    }

    @Test
    void missingFileIsExitCodeTwoWithAClearMessage() throws Exception {
        Result r = run(null, "read", "no-such-file.pcap");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no-such-file.pcap: no such file"), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
    }

    @Test
    void notACaptureIsExitCodeTwo(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.pcap");
        Files.writeString(junk, "this is not a capture at all");
        Result r = run(null, "read", junk.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a capture file"), r.err());
    }

    @Test
    void badOptionIsExitCodeTwo() throws Exception {
        Result r = run(null, "read", "--no-such-option", SAMPLE.toString());
        assertEquals(2, r.code());
    }

    @Test
    void truncatedCaptureIsReportedAndTheRestRead(@TempDir Path dir) throws Exception {
        byte[] all = Files.readAllBytes(SAMPLE);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 30));
        Result r = run(null, "read", cut.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("frame 192: byte offset"), r.err());
        assertTrue(r.err().contains("pcap.truncated_record"), r.err());
        assertTrue(r.out().contains("Create Request File: evil.dll"));
    }

    @Test
    void eveLogDirectoryGetsSmbEvents(@TempDir Path dir) throws Exception {
        Result r = run(null, "read", "-q", "-l", dir.toString(), SAMPLE.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("eve.json"));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"event_type\":\"smb\"") && l.contains("\"filename\":\"evil.dll\"")));
    }
}
