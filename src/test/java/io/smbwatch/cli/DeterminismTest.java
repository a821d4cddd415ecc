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
 * Same capture, same rules: byte-identical eve.json (alerts, smb, dcerpc, fileinfo, incidents)
 * and fast.log on every run. Nothing may depend on hash order, time of day or thread timing.
 */
class DeterminismTest {
    static byte[][] run(Path capture, Path dir, String name) throws Exception {
        Path out = dir.resolve(name);
        ReadCommandTest.Result r = ReadCommandTest.run(null, "read", "-q", "-S",
                Shared.require().resolve("rules/et-smb.rules").toString(), "-l", out.toString(), capture.toString());
        assertEquals(0, r.code(), r.err());
        return new byte[][] {Files.readAllBytes(out.resolve("eve.json")), Files.readAllBytes(out.resolve("fast.log"))};
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
