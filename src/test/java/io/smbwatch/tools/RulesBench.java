package io.smbwatch.tools;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.detect.engine.DetectEngine;
import io.smbwatch.detect.rule.Classifications;
import io.smbwatch.detect.rule.RuleSet;
import io.smbwatch.detect.rule.RuleVars;
import io.smbwatch.output.Listeners;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Throughput of the signature engine: reads a capture with 0 rules, with et-smb.rules and with
 * the whole ET Open set, and prints per run the rules evaluated, wall seconds, SMB messages/s and
 * MB/s (10^6 bytes of capture file per second), alerts and payloads inspected. No output is
 * written (alerts are counted), so the figures are dissection + detection.
 *
 *   mvn -q test-compile
 *   java -XX:+UseSerialGC -cp target/classes:target/test-classes:$(cat cp.txt) io.smbwatch.tools.RulesBench \
 *       /work/main/bench-data/smb-bench.pcap ../shared/rules [0|1|2: one rule set only]
 */
public final class RulesBench {
    private RulesBench() {}

    public static void main(String[] args) throws Exception {
        Path cap = Path.of(args.length > 0 ? args[0] : "bench-data/smb-bench.pcap");
        Path rules = Path.of(args.length > 1 ? args[1] : "../shared/rules");
        long size = Files.size(cap);
        System.out.printf("capture %s, %.1f MB%n", cap, size / 1e6);
        System.out.printf("%-14s %8s %8s %10s %12s %8s %8s %12s%n", "rules", "loaded", "eval", "seconds", "messages/s", "MB/s", "alerts", "payloads");
        Object[][] all = {{"none", null}, {"et-smb.rules", rules.resolve("et-smb.rules")}, {"ET Open (all)", rules.resolve("et-open-2024-04-19")}};
        Object[][] sets = args.length > 2 ? new Object[][] {all[Integer.parseInt(args[2])]} : all;
        for (Object[] s : sets) {
            Path p = (Path) s[1];
            RuleSet rs = null;
            long t0 = System.nanoTime();
            if (p != null) {
                Classifications cls = Files.isDirectory(p) ? Classifications.load(p.resolve("classification.config")) : Classifications.defaults();
                rs = new RuleSet(RuleVars.defaults(), cls);
                if (Files.isDirectory(p)) {
                    try (var files = Files.list(p)) {
                        for (Path f : files.filter(f -> f.toString().endsWith(".rules")).sorted().toList()) rs.load(f);
                    }
                } else {
                    rs.load(p);
                }
            }
            double load = (System.nanoTime() - t0) / 1e9;
            long[] alerts = new long[1];
            long[] messages = new long[1];
            MessageListener count = (SmbMessage m) -> messages[0]++;
            DetectEngine e = rs == null ? null : new DetectEngine(rs.rules(), a -> alerts[0]++);
            Pipeline pl = new Pipeline(Settings.defaults(), e == null ? count : new Listeners(List.of(count, e)));
            if (e != null) pl.setInspector(e);
            if (e != null && System.getenv("DESCRIBE") != null) System.out.print(e.describe());
            long t1 = System.nanoTime();
            try (CaptureReader r = Captures.open(cap.toString(), pl.anomalies())) {
                pl.run(r);
            }
            double sec = (System.nanoTime() - t1) / 1e9;
            System.out.printf("%-14s %8d %8d %10.2f %12.0f %8.1f %8d %12d   (rule load %.2f s)%n", s[0],
                    rs == null ? 0 : rs.rules().size(), e == null ? 0 : e.rules(), sec, messages[0] / sec, size / 1e6 / sec,
                    alerts[0], e == null ? 0 : e.payloads(), load);
            if (e != null && System.getenv("DESCRIBE") != null) System.out.print("after the run:\n" + e.describe());
            if (e != null) System.out.printf("    prefilter scans: %d messages, %d bytes%n", e.scans()[0], e.scans()[1]);
        }
    }
}
