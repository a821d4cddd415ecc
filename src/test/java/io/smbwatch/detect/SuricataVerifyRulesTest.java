package io.smbwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.corpus.Differences;
import io.smbwatch.corpus.Shared;
import io.smbwatch.detect.engine.Alert;
import io.smbwatch.detect.engine.DetectEngine;
import io.smbwatch.detect.rule.Classifications;
import io.smbwatch.detect.rule.RuleSet;
import io.smbwatch.detect.rule.RuleVars;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suricata-verify tests that come with their own rules (test.rules): smbwatch runs them on the
 * test's capture and its alerts (sid, frame, ports) are compared with Suricata 7.0.10's on the same
 * capture and rules (src/test/resources/suricata-verify-rules/*.alerts, made by
 * scripts/sv-rules-expected.sh), and with the test.yaml alert checks that apply to Suricata 7
 * (count of alert events matching the given fields). Either difference must be listed in
 * docs/DIFFERENCES.md (check "sv-alerts", the frames of the differing alerts, or * for a test.yaml
 * count).
 */
class SuricataVerifyRulesTest {
    static final Path EXPECTED = Path.of("src/test/resources/suricata-verify-rules");

    static Stream<String> tests() throws IOException {
        try (Stream<Path> s = Files.walk(EXPECTED)) {
            return s.filter(p -> p.toString().endsWith(".alerts")).map(p -> EXPECTED.relativize(p).toString())
                    .map(r -> r.substring(0, r.length() - ".alerts".length())).sorted().toList().stream();
        }
    }

    record Got(long sid, long frame, int sport, int dport, Alert a) {
        String key() {
            return sid + " " + frame + " " + sport + " " + dport;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tests")
    void sameAlertsAsSuricata(String test) throws Exception {
        Path dir = Shared.require().resolve("pcaps/suricata-verify/tests").resolve(test);
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(dir.resolve("test.yaml").toFile());
        Path pcap = yaml.hasNonNull("pcap") ? dir.resolve(yaml.get("pcap").asText()) : pcapOf(dir);
        String capture = "suricata-verify/tests/" + test + "/" + pcap.getFileName();
        RuleSet rs = new RuleSet(RuleVars.defaults(), Classifications.defaults()).load(dir.resolve("test.rules"));
        List<Got> got = new ArrayList<>();
        DetectEngine e = new DetectEngine(rs.rules(), a -> got.add(new Got(a.rule().sid(), a.frame(),
                a.flow().srcPort(a.direction()), a.flow().dstPort(a.direction()), a)), DetectEngine.Payload.SURICATA);
        Pipeline p = new Pipeline(Settings.defaults(), e);
        p.setInspector(e);
        try (CaptureReader r = Captures.open(pcap.toString(), p.anomalies())) {
            p.run(r);
        }
        List<String> ours = new ArrayList<>();
        for (Got g : got) ours.add(g.key());
        List<String> want = new ArrayList<>();
        for (String line : Files.readAllLines(EXPECTED.resolve(test + ".alerts"))) if (!line.isBlank()) want.add(line.trim());
        Collections.sort(ours);
        Collections.sort(want);
        Differences d = Differences.load();
        List<String> unlisted = new ArrayList<>();
        for (String a : DetectVsSuricataTest.minus(want, ours)) if (!d.listed("sv-alerts", capture, frameOf(a))) unlisted.add("Suricata only: " + a);
        for (String a : DetectVsSuricataTest.minus(ours, want)) if (!d.listed("sv-alerts", capture, frameOf(a))) unlisted.add("smbwatch only: " + a);
        // test.yaml alert checks that Suricata 7 is meant to pass
        int checks = 0;
        for (JsonNode check : yaml.path("checks")) {
            JsonNode f = check.path("filter");
            JsonNode match = f.path("match");
            if (!"alert".equals(match.path("event_type").asText()) || !f.has("count")) continue;
            if (!forSuricata7(f.path("requires")) || !forSuricata7(yaml.path("requires"))) continue;
            checks++;
            int n = 0;
            for (Got g : got) if (matches(g, match)) n++;
            if (n != f.get("count").asInt() && !d.listed("sv-alerts", capture, -1)) {
                unlisted.add("test.yaml count " + f.get("count").asInt() + " of " + match + ": smbwatch " + n);
            }
        }
        System.out.printf("suricata-verify rules %-45s %3d rules (%d skipped), Suricata %d alerts, smbwatch %d, %d yaml checks%n",
                test, rs.rules().size(), rs.skipped().size(), want.size(), ours.size(), checks);
        assertEquals(List.of(), unlisted, capture + " (sid frame sport dport)");
    }

    static long frameOf(String a) {
        return Long.parseLong(a.split(" ")[1]);
    }

    static Path pcapOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".pcap")).sorted().findFirst().orElseThrow();
        }
    }

    /** requires: min-version / lt-version against 7.0.10; other requirements (features) are assumed met. */
    static boolean forSuricata7(JsonNode req) {
        if (req.has("min-version") && cmp(req.get("min-version").asText(), "7.0.10") > 0) return false;
        if (req.has("lt-version") && cmp("7.0.10", req.get("lt-version").asText()) >= 0) return false;
        if (req.has("version") && !("7.0.10".startsWith(req.get("version").asText()))) return false;
        return true;
    }

    static int cmp(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i].replaceAll("\\D.*", "")) : 0;
            int q = i < y.length ? Integer.parseInt(y[i].replaceAll("\\D.*", "")) : 0;
            if (p != q) return Integer.compare(p, q);
        }
        return 0;
    }

    /** Fields of an alert event a check may name (the rest are taken as matching). */
    static boolean matches(Got g, JsonNode match) {
        for (Map.Entry<String, JsonNode> m : (Iterable<Map.Entry<String, JsonNode>>) match::fields) {
            String k = m.getKey();
            JsonNode v = m.getValue();
            switch (k) {
                case "event_type": break;
                case "alert.signature_id": if (g.sid() != v.asLong()) return false; break;
                case "pcap_cnt": if (g.frame() != v.asLong()) return false; break;
                case "src_port": if (g.sport() != v.asInt()) return false; break;
                case "dest_port": if (g.dport() != v.asInt()) return false; break;
                case "alert":
                    if (v.has("signature_id") && g.sid() != v.get("signature_id").asLong()) return false;
                    if (v.has("signature") && !v.get("signature").asText().equals(g.a().rule().msg())) return false;
                    break;
                case "alert.signature": if (!v.asText().equals(g.a().rule().msg())) return false; break;
                default: break;
            }
        }
        return true;
    }
}
