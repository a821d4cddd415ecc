package io.smbwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.corpus.Shared;
import io.smbwatch.detect.engine.DetectEngine;
import io.smbwatch.detect.rule.Classifications;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.detect.rule.RuleSet;
import io.smbwatch.detect.rule.RuleVars;
import io.smbwatch.output.Listeners;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The benchmark capture (bench-data/smb-bench.pcap, when made by scripts/make-bench-capture.sh)
 * with the 525 rules of et-smb.rules: the create rules alert exactly once per matching SMB2 Create
 * request, on its frame (.exe 2025701, .ps1 2025705, .dll 2025709, and 2027204 on the .ps1 ones,
 * whose name is the only ".ps1" a client sends on this capture), never on the .txt creates, and no
 * other rule fires: the "exactly the .exe/.ps1/.dll Create requests", not the stray extras
 * of Suricata's stream chunks.
 */
class BenchAlertsTest {
    @Test
    void oneAlertPerMatchingCreate() throws Exception {
        Path pcap = Path.of("bench-data/smb-bench.pcap");
        Assumptions.assumeTrue(Files.exists(pcap), "no bench-data/smb-bench.pcap (make it with scripts/make-bench-capture.sh)");
        List<Rule> rules = new RuleSet(RuleVars.defaults(), Classifications.defaults())
                .load(Shared.require().resolve("rules/et-smb.rules")).rules();
        RulesSampleTest.Run run = new RulesSampleTest.Run();
        DetectEngine e = RulesSampleTest.engine(rules, run);
        Pipeline p = new Pipeline(Settings.defaults(), new Listeners(List.of(e, RulesSampleTest.createCollector(run.creates))));
        p.setInspector(e);
        try (CaptureReader r = Captures.open(pcap.toString(), p.anomalies())) {
            p.run(r);
        }
        TreeSet<Long> exe = RulesSampleTest.createFrames(run.creates, ".exe"), ps1 = RulesSampleTest.createFrames(run.creates, ".ps1"),
                dll = RulesSampleTest.createFrames(run.creates, ".dll"), txt = RulesSampleTest.createFrames(run.creates, ".txt");
        assertTrue(exe.size() > 10 && ps1.size() > 10 && dll.size() > 10 && txt.size() > 10, "creates: " + run.creates.size());
        assertEquals(exe, RulesSampleTest.frames(run, 2025701));
        assertEquals(ps1, RulesSampleTest.frames(run, 2025705));
        assertEquals(dll, RulesSampleTest.frames(run, 2025709));
        assertEquals(ps1, RulesSampleTest.frames(run, 2027204));
        assertEquals(exe.size() + 2L * ps1.size() + dll.size(), run.alerts.size(), "once per create, and nothing else: " + run.keys);
    }
}
