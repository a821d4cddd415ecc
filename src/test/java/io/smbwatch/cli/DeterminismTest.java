package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.corpus.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same capture, same rules: byte-identical eve.json (alerts, smb, dcerpc, fileinfo, incidents),
 * fast.log and text output on every run, and with any number of workers (flows sharded over
 * threads). Nothing may depend on hash order, time of day or thread timing. The runs are made in
 * this JVM (a JVM start per run made this class a quarter of an hour on a loaded machine), except
 * {@link #sameOutputEveryRun}, whose two runs are processes of their own.
 */
class DeterminismTest {
    static byte[][] run(Path capture, Path dir, String name) throws Exception {
        return run(capture, dir, name, 1, true);
    }

    static byte[][] run(Path capture, Path dir, String name, int workers, boolean quiet) throws Exception {
        return run(capture, dir, name, workers, quiet, "hosts");
    }

    static byte[][] run(Path capture, Path dir, String name, int workers, boolean quiet, String shardBy) throws Exception {
        return run(capture, dir, name, workers, quiet, shardBy, true);
    }

    static byte[][] run(Path capture, Path dir, String name, int workers, boolean quiet, String shardBy, boolean rules) throws Exception {
        return run(capture, dir, name, workers, quiet, shardBy, rules, true);
    }

    /**
     * One run of {@code read}; {@code here}: in this JVM (the sweeps: no JVM start per run), else as a
     * process of its own (a run in a fresh JVM, where identity hash codes and class loading differ).
     */
    static byte[][] run(Path capture, Path dir, String name, int workers, boolean quiet, String shardBy, boolean rules,
                        boolean here) throws Exception {
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("read", quiet ? "-q" : "--no-progress", "-w", Integer.toString(workers),
                "--shard-by", shardBy, "-l", out.toString(), capture.toString()));
        if (rules) args.addAll(List.of("-S", Shared.require().resolve("rules/et-smb.rules").toString()));
        String[] a = args.toArray(new String[0]);
        ReadCommandTest.Result r = here ? ReadCommandTest.runHere(null, a) : ReadCommandTest.run(null, a);
        assertEquals(0, r.code(), r.err());
        Path fast = out.resolve("fast.log");
        return new byte[][] {Files.readAllBytes(out.resolve("eve.json")), Files.exists(fast) ? Files.readAllBytes(fast) : new byte[0],
                r.out().getBytes(java.nio.charset.StandardCharsets.UTF_8), statistics(r.err()).getBytes(java.nio.charset.StandardCharsets.UTF_8)};
    }

    /** The statistics block without the rule evaluation counts (engines per worker skip different work). */
    static String statistics(String err) {
        StringBuilder sb = new StringBuilder();
        for (String line : err.split("\n")) {
            if (line.startsWith("alerts:")) line = line.replaceAll("\\(payloads.*", "");
            if (line.startsWith("stream_memory_peak")) continue;
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** Captures where flows, SMB1 and SMB2, rules, detectors and files all have work. */
    static java.util.stream.Stream<String> shardCaptures() {
        return java.util.stream.Stream.of("suricata-verify/tests/smb2-07/20171220_smb_psexec_add_user.pcap",
                "zeek/testing/btest/Traces/smb/smb2_100_small_files.pcap", "suricata-verify/tests/bug-5162/input.pcap",
                "repo:samples/rules-sample.pcap", "repo:samples/scan-sample.pcap", "repo:samples/ms08067-sample.pcap",
                "repo:samples/dcerpc-sample.pcap", "repo:samples/files-sample.pcap");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("shardCaptures")
    void sameOutputWithAnyNumberOfWorkers(String capture, @TempDir Path dir) throws Exception {
        Shared.require(capture);
        Path pcap = Shared.pcap(capture);
        byte[][] one = run(pcap, dir, "w1", 1, false);
        assertTrue(one[0].length > 0, "eve.json is empty");
        for (String by : new String[] {"hosts", "flow"}) {
            for (int w : new int[] {2, 3}) {
                byte[][] many = run(pcap, dir, "w" + w + by, w, false, by);
                assertArrayEquals(one[0], many[0], "eve.json with " + w + " workers by " + by);
                assertArrayEquals(one[1], many[1], "fast.log with " + w + " workers by " + by);
                assertArrayEquals(one[2], many[2], "text output with " + w + " workers by " + by);
            assertEquals(new String(one[3]), new String(many[3]), "statistics with " + w + " workers");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"suricata-verify/tests/smb2-07/20171220_smb_psexec_add_user.pcap", "repo:samples/rules-sample.pcap",
            "bench-data/smb-bench.pcap"})
    void sameOutputEveryRun(String capture, @TempDir Path dir) throws Exception {
        Path pcap;
        if (capture.startsWith("bench-data/")) {
            pcap = Path.of(capture);
            Assumptions.assumeTrue(Files.exists(pcap), "no " + capture + " (make it with scripts/make-bench-capture.sh)");
        } else {
            Shared.require(capture);
            pcap = Shared.pcap(capture);
        }
        byte[][] a = run(pcap, dir, "a", 1, true, "hosts", true, false), b = run(pcap, dir, "b", 1, true, "hosts", true, false);
        assertTrue(a[0].length > 0, "eve.json is empty");
        assertArrayEquals(a[0], b[0], "eve.json differs between two runs");
        assertArrayEquals(a[1], b[1], "fast.log differs between two runs");
    }

    /** Quiet runs of {@code workers} workers by flow with et-smb.rules; {@code stdin}: the capture comes on standard input. */
    static byte[][] quietRun(Path capture, Path dir, String name, int workers, boolean stdin) throws Exception {
        Path out = dir.resolve(name);
        ReadCommandTest.Result r = ReadCommandTest.runHere(stdin ? Files.readAllBytes(capture) : null, "read", "-q", "-w",
                Integer.toString(workers), "--shard-by", "flow", "-l", out.toString(),
                "-S", Shared.require().resolve("rules/et-smb.rules").toString(), stdin ? "-" : capture.toString());
        assertEquals(0, r.code(), r.err());
        Path fast = out.resolve("fast.log");
        return new byte[][] {Files.readAllBytes(out.resolve("eve.json")), Files.exists(fast) ? Files.readAllBytes(fast) : new byte[0],
                statistics(r.err()).getBytes(java.nio.charset.StandardCharsets.UTF_8)};
    }

    /** Standard input: one thread reads and hands frames out to the workers (files: each worker reads the file). */
    @ParameterizedTest
    @ValueSource(strings = {"suricata-verify/tests/smb2-07/20171220_smb_psexec_add_user.pcap", "repo:samples/rules-sample.pcap",
            "repo:samples/files-sample.pcap"})
    void sameOutputFromStandardInput(String capture, @TempDir Path dir) throws Exception {
        Shared.require(capture);
        Path pcap = Shared.pcap(capture);
        byte[][] one = quietRun(pcap, dir, "file1", 1, false), two = quietRun(pcap, dir, "stdin2", 2, true);
        assertTrue(one[0].length > 0, "eve.json is empty");
        assertArrayEquals(one[0], two[0], "eve.json");
        assertArrayEquals(one[1], two[1], "fast.log");
        assertEquals(new String(one[2]), new String(two[2]), "statistics");
    }

    /** The benchmark capture (when made): its alerts and events with one and two workers. */
    @Test
    void benchmarkCaptureWithOneAndTwoWorkers(@TempDir Path dir) throws Exception {
        Path pcap = Path.of("bench-data/smb-bench.pcap");
        Assumptions.assumeTrue(Files.exists(pcap), "no bench-data/smb-bench.pcap (make it with scripts/make-bench-capture.sh)");
        byte[][] one = quietRun(pcap, dir, "b1", 1, false), two = quietRun(pcap, dir, "b2", 2, false);
        assertTrue(one[1].length > 0, "no alerts");
        assertArrayEquals(one[0], two[0], "eve.json");
        assertArrayEquals(one[1], two[1], "fast.log");
        assertEquals(new String(one[2]), new String(two[2]), "statistics");
    }

    /**
     * Long, well-formed SMB1 Transaction requests (rpcclient at NT1 against Samba,
     * scripts/make-smb1-trans-sample.sh): two workers once handed the detectors a copy cut after
     * 512 bytes of pipe data, which trans-name-overflow took for a ByteCount overrun. Silent with
     * any worker count, and the same events.
     */
    @Test
    void longSmb1TransactionsWithTwoWorkers(@TempDir Path dir) throws Exception {
        Path pcap = Path.of("src/test/resources/captures/smb1-trans-pipe.pcap");
        byte[][] one = run(pcap, dir, "w1", 1, false, "hosts", false), two = run(pcap, dir, "w2", 2, false, "flow", false);
        String eve = new String(one[0], java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(eve.contains("\"command\":\"SMB1_COMMAND_TRANS\""), "the capture holds SMB1 Transactions");
        assertTrue(!eve.contains("trans-name-overflow") && !new String(two[0], java.nio.charset.StandardCharsets.UTF_8)
                .contains("trans-name-overflow"), "no trans-name-overflow on well-formed Transactions");
        assertArrayEquals(one[0], two[0], "eve.json");
        assertArrayEquals(one[2], two[2], "text output");
    }

    /** Every shared capture and repository sample: two workers (by hosts) give what one gives (no rules: the eight above have them). */
    static java.util.stream.Stream<String> everyCapture() throws java.io.IOException {
        return Shared.captures().stream().filter(c -> !c.contains("OSS-fuzz"));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("everyCapture")
    void twoWorkersOnEveryCapture(String capture, @TempDir Path dir) throws Exception {
        Shared.require(capture);
        Path pcap = Shared.pcap(capture);
        byte[][] one = run(pcap, dir, "w1", 1, false, "hosts", false), two = run(pcap, dir, "w2", 2, false, "hosts", false);
        assertArrayEquals(one[0], two[0], "eve.json");
        assertArrayEquals(one[2], two[2], "text output");
        assertEquals(new String(one[3]), new String(two[3]), "statistics");
    }
}
