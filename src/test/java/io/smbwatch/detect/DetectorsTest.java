package io.smbwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.corpus.Shared;
import io.smbwatch.detect.builtin.Detectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Each built-in detector fires on the captures that carry its attack, with the right source, and
 * stays silent on every other capture (docs/DETECTIONS.md has the table).
 */
class DetectorsTest {
    /** capture → "detector src" pairs it must produce; every capture not listed must produce none. */
    static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("repo:samples/scan-sample.pcap", Set.of("smb-scan 127.0.0.1")),
            Map.entry("repo:samples/nullsession-sample.pcap", Set.of("null-session-enum 127.0.0.3")),
            Map.entry("repo:samples/ms08067-sample.pcap", Set.of("ms08-067 127.0.0.3")),
            Map.entry("suricata-verify/tests/smb2-07/20171220_smb_psexec_add_user.pcap", Set.of("remote-exec 192.168.10.31")),
            Map.entry("local/smb-bruteforce.pcap", Set.of("password-guessing 127.0.0.1")),
            Map.entry("local/smb-loopback.pcap", Set.of("password-guessing 127.0.0.1")),
            Map.entry("zeek-EternalSafety/tests/traces/shadowbrokers/eternalblue-success-unpatched-win7.pcap", Set.of("ms17-010 192.168.198.204")),
            Map.entry("zeek-EternalSafety/tests/traces/shadowbrokers/doublepulsar-backdoor-connect-win7.pcap", Set.of("ms17-010 192.168.198.204")),
            Map.entry("suricata-verify/tests/smb2-09-trunc-file-logging/input.pcap", Set.of("ms17-010 10.7.9.103")),
            Map.entry("zeek/testing/btest/Traces/smb/smb1_transaction_request.pcap", Set.of("trans-name-overflow 192.168.0.1")),
            Map.entry("zeek/testing/btest/Traces/smb/smb1_transaction_response.pcap", Set.of("trans-name-overflow 192.168.0.1")),
            Map.entry("zeek/testing/btest/Traces/smb/smb1_transaction_secondary_request.pcap", Set.of("trans-name-overflow 192.168.0.1")));

    static Stream<String> captures() throws IOException {
        return Shared.captures().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void firesWhereTheAttackIsAndNowhereElse(String capture) throws IOException {
        Shared.require(capture);
        List<Detection> got = DetectorSurvey.run(Shared.pcap(capture), DetectorConfig.defaults());
        Set<String> actual = got.stream().map(d -> d.detector() + " " + d.src()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EXPECTED.getOrDefault(capture, Set.of())), actual,
                got.stream().map(Detection::explain).collect(Collectors.joining("\n")));
        for (Detection d : got) assertTrue(!d.explain().isEmpty());
    }

    @Test
    void eachDetectorCanBeTurnedOff() throws IOException {
        Shared.require();
        DetectorConfig off = DetectorConfig.defaults();
        for (String id : Detectors.IDS) off.set(id, "enabled", false);
        assertEquals(List.of(), DetectorSurvey.run(Shared.pcap("local/smb-bruteforce.pcap"), off));
    }

    @Test
    void configFileOverridesThresholds(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("d.yaml");
        java.nio.file.Files.writeString(yaml, "detectors:\n  password-guessing: { failures: 50 }\n  smb-scan: { enabled: false }\n");
        DetectorConfig c = DetectorConfig.load(yaml);
        assertEquals(50, c.get("password-guessing", "failures", 4));
        assertEquals(300, c.get("password-guessing", "window", 300));
        assertTrue(!c.enabled("smb-scan"));
        assertTrue(c.enabled("ms17-010"));
    }
}
