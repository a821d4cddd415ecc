package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run refused for its options or configuration exits 2 with a message naming the key, and
 * leaves the files of an earlier run in its log directory as they were (it used to empty
 * eve.json and the Zeek logs before it checked --workers or read -S).
 */
class RefusedRunTest {
    private static final String SAMPLE = ReadCommandTest.SAMPLE.toString();

    @TempDir
    Path dir;
    private Path out, rules;

    @BeforeEach
    void earlierRun() throws IOException {
        out = dir.resolve("out");
        rules = dir.resolve("smb.rules");
        Files.writeString(rules, "alert tcp any any -> any any (msg:\"smb create\"; content:\"e|00|v|00|i|00|l|00|\"; sid:1; rev:1;)\n");
        ReadCommandTest.Result r = read("-S", rules.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(out.resolve("eve.json")) > 0);
        assertTrue(Files.size(out.resolve("fast.log")) > 0);
    }

    private ReadCommandTest.Result read(String... more) {
        List<String> args = new ArrayList<>(List.of("read", "-q", "--no-progress", "-l", out.toString()));
        args.addAll(List.of(more));
        if (args.stream().noneMatch(a -> a.endsWith(".pcap"))) args.add(SAMPLE);
        return ReadCommandTest.runHere(null, args.toArray(String[]::new));
    }

    private Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.toList()) m.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        return m;
    }

    /** Refused with exit 2, a message holding {@code says}, and the earlier files untouched. */
    private void refused(String says, String... args) throws IOException {
        Map<String, byte[]> before = files();
        ReadCommandTest.Result r = read(args);
        assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
        assertTrue(r.err().contains(says), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
        Map<String, byte[]> after = files();
        assertEquals(before.keySet(), after.keySet());
        for (String f : before.keySet()) assertArrayEquals(before.get(f), after.get(f), f + " changed by a refused run");
    }

    private Path yaml(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void badOptionValuesTouchNoOutput() throws IOException {
        refused("--workers: 1 to 64, not 0", "--workers", "0");
        refused("--shard-by: hosts or flow, not 'host'", "--workers", "2", "--shard-by", "host");
        refused("--payload: message or suricata, not 'raw'", "-S", rules.toString(), "--payload", "raw");
        refused("--eve-types: unknown event type 'bogus'", "--eve-types", "smb,bogus");
        refused("--explain: a rule SID or 'all', not 'x'", "-S", rules.toString(), "--explain", "x");
        refused("--limit: unknown limit 'flow.mux' (did you mean flow.max?)", "--limit", "flow.mux=5");
        refused("limits.flow.max: 1 to 2147483647, not -5", "--limit", "flow.max=-5");
        refused("invalid display filter", "-Y", "smb2.cmd ==");
    }

    @Test
    void unreadableInputsTouchNoOutput() throws IOException {
        refused("cannot read rules", "-S", dir.resolve("missing.rules").toString());
        refused("no-such.pcap: no such file", "-S", rules.toString(), "no-such.pcap");
        Path junk = yaml("junk.pcap", "not a capture");
        refused("not a capture file", junk.toString());
        refused("missing.yaml: cannot read the file", "--config", dir.resolve("missing.yaml").toString());
    }

    /** An output directory that is a file (or lies under one) is named on one line, before any output opens. */
    @Test
    void aFileWhereAnOutputDirectoryGoes() throws IOException {
        Path file = yaml("plain.txt", "not a directory\n");
        refused("smbwatch: --extract-files " + file + ": is a file, not a directory", "--extract-files", file.toString());
        refused("cannot be made: " + file + " is a file", "--extract-files", file.resolve("sub").toString());
        ReadCommandTest.Result r = ReadCommandTest.runHere(null, "read", "-q", "--no-progress", "-l", file.toString(), SAMPLE);
        assertEquals(2, r.code(), r.err());
        assertEquals("smbwatch: --log-dir " + file + ": is a file, not a directory", r.err().strip());
        assertEquals("not a directory\n", Files.readString(file));
    }

    @Test
    void badFilesAreNamedWithTheirLineAndKey() throws IOException {
        Path detectors = yaml("detectors.yaml", "detectors:\n  password-guessing:\n    failures: abc\n");
        refused("detectors.yaml:3: detectors.password-guessing.failures: a whole number of requests, not 'abc'",
                "--detectors", detectors.toString());
        Path misspelled = yaml("d2.yaml", "detectors:\n  smb-scan: { host: 5 }\n");
        refused("d2.yaml:2: detectors.smb-scan.host: unknown key (known: enabled, hosts, window)", "--detectors", misspelled.toString());
        Path name = yaml("d3.yaml", "detectors:\n  smbscan: { hosts: 5 }\n");
        refused("d3.yaml:2: detectors.smbscan: unknown detector", "--detectors", name.toString());
        Path config = yaml("c.yaml", "limits:\n  flow:\n    max: -5\n");
        refused("c.yaml:3: limits.flow.max: 1 to 2147483647, not -5", "--config", config.toString());
        Path section = yaml("c2.yaml", "output: { log-dir: x }\n");
        refused("c2.yaml:1: output: unknown section", "--config", section.toString());
    }

    @Test
    void theConfigurationFileSetsTheRunAndTheOptionsWin() throws IOException {
        Path other = dir.resolve("other");
        Path config = yaml("c.yaml", "outputs: { log-dir: " + other + ", eve-types: [alert] }\n"
                + "rules: { files: [" + rules + "] }\nlimits: { flow.max: 10 }\n");
        ReadCommandTest.Result fromFile = ReadCommandTest.runHere(null, "read", "-q", "--no-progress", "--config", config.toString(), SAMPLE);
        assertEquals(0, fromFile.code(), fromFile.err());
        List<String> events = Files.readAllLines(other.resolve("eve.json"));
        assertTrue(!events.isEmpty() && events.stream().allMatch(l -> l.contains("\"event_type\":\"alert\"")), events.toString());
        ReadCommandTest.Result cli = read("--config", config.toString(), "--eve-types", "smb");
        assertEquals(0, cli.code(), cli.err());
        List<String> mine = Files.readAllLines(out.resolve("eve.json"));
        assertTrue(!mine.isEmpty() && mine.stream().allMatch(l -> l.contains("\"event_type\":\"smb\"")), mine.toString());
    }

    @Test
    void theDocumentedEventTypesAreTheWritersOnes() {
        assertTrue(io.smbwatch.config.ConfigDoc.render().contains(String.join(", ", io.smbwatch.output.eve.EveWriter.EVENT_TYPES) + " |"),
                "docs/CONFIG.md (ConfigDoc's outputs table) must list EveWriter.EVENT_TYPES");
    }
}
