package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.corpus.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same capture, same rules: byte-identical eve.json (alerts, smb, dcerpc, fileinfo, incidents),
 * fast.log and text output on every run, and with any number of workers (flows sharded over
 * threads). Nothing may depend on hash order, time of day or thread timing.
 */
class DeterminismTest {
    static byte[][] run(Path capture, Path dir, String name) throws Exception {
        return run(capture, dir, name, 1, true);
    }

    static byte[][] run(Path capture, Path dir, String name, int workers, boolean quiet) throws Exception {
        Path out = dir.resolve(name);
        ReadCommandTest.Result r = ReadCommandTest.run(null, "read", quiet ? "-q" : "--no-progress", "-w", Integer.toString(workers),
                "-S", Shared.require().resolve("rules/et-smb.rules").toString(), "-l", out.toString(), capture.toString());
        assertEquals(0, r.code(), r.err());
        return new byte[][] {Files.readAllBytes(out.resolve("eve.json")), Files.readAllBytes(out.resolve("fast.log")),
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
        for (int w : new int[] {2, 3}) {
            byte[][] many = run(pcap, dir, "w" + w, w, false);
            assertArrayEquals(one[0], many[0], "eve.json with " + w + " workers");
            assertArrayEquals(one[1], many[1], "fast.log with " + w + " workers");
            assertArrayEquals(one[2], many[2], "text output with " + w + " workers");
            assertEquals(new String(one[3]), new String(many[3]), "statistics with " + w + " workers");
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
        byte[][] a = run(pcap, dir, "a"), b = run(pcap, dir, "b");
        assertTrue(a[0].length > 0, "eve.json is empty");
        assertArrayEquals(a[0], b[0], "eve.json differs between two runs");
        assertArrayEquals(a[1], b[1], "fast.log differs between two runs");
    }
}
