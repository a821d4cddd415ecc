package io.smbwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.corpus.Differences;
import io.smbwatch.corpus.Eve;
import io.smbwatch.corpus.Shared;
import io.smbwatch.detect.engine.DetectEngine;
import io.smbwatch.detect.rule.Classifications;
import io.smbwatch.detect.rule.RuleSet;
import io.smbwatch.detect.rule.RuleVars;
import io.smbwatch.flow.Flow;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alerts of et-smb.rules against Suricata's (sid, ports, direction, frame), on every shared
 * capture that has a Suricata fast.log. An alert found by one tool only is allowed when its frame
 * is listed for the capture in docs/DIFFERENCES.md (check "alerts").
 */
class DetectVsSuricataTest {
    static RuleSet etSmb;

    static synchronized RuleSet etSmb() throws IOException {
        if (etSmb == null) {
            etSmb = new RuleSet(RuleVars.defaults(), Classifications.defaults())
                    .load(Shared.root().resolve("rules/et-smb.rules"));
        }
        return etSmb;
    }

    static List<String> alerts(Path capture, RuleSet rs) throws Exception {
        return alerts(capture, rs, DetectEngine.Payload.SURICATA);
    }

    static List<String> alerts(Path capture, RuleSet rs, DetectEngine.Payload model) throws Exception {
        List<String> out = new ArrayList<>();
        DetectEngine e = new DetectEngine(rs.rules(), a -> out.add(a.rule().sid() + " " + a.flow().srcPort(a.direction()) + " "
                + a.flow().dstPort(a.direction()) + " " + (a.direction() == Flow.TO_SERVER ? "to_server" : "to_client") + " " + a.frame()), model);
        Pipeline p = new Pipeline(Settings.defaults(), e);
        p.setInspector(e);
        try (CaptureReader r = Captures.open(capture.toString(), p.anomalies())) {
            p.run(r);
        }
        Collections.sort(out);
        return out;
    }

    static List<String> alerts(Path capture, Path rules) throws Exception {
        return alerts(capture, new RuleSet(RuleVars.defaults(), Classifications.defaults()).load(rules));
    }

    /** Every capture (relative to pcaps/) with a Suricata fast.log. */
    static List<String> withFastLog() throws IOException {
        if (!Shared.present()) return List.of("suricata-verify/tests/smb1-01/smb1.pcap");
        Path root = Shared.root().resolve("expected/suricata");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals("fast.log"))
                    .map(p -> root.relativize(p.getParent()).toString())
                    .map(stem -> {
                        for (String ext : new String[] {".pcap", ".pcapng", ".pcap.gz"}) {
                            if (Files.exists(Shared.root().resolve("pcaps").resolve(stem + ext))) return stem + ext;
                        }
                        return null;
                    })
                    .filter(c -> c != null).sorted().collect(Collectors.toList());
        }
    }

    static List<String> suricata(String rel) throws IOException {
        List<String> want = new ArrayList<>();
        for (JsonNode n : Eve.suricata(rel)) {
            if (!n.path("event_type").asText().equals("alert")) continue;
            want.add(n.path("alert").path("signature_id").asLong() + " " + n.path("src_port").asInt() + " "
                    + n.path("dest_port").asInt() + " " + n.path("direction").asText() + " " + n.path("pcap_cnt").asLong());
        }
        Collections.sort(want);
        return want;
    }

    @ParameterizedTest
    @MethodSource("withFastLog")
    void sameAlertsAsSuricata(String rel) throws Exception {
        Shared.require();
        List<String> want = suricata(rel);
        List<String> got = alerts(Shared.pcap(rel), etSmb());
        List<String> onlySuricata = minus(want, got), onlyUs = minus(got, want);
        Differences d = Differences.load();
        List<String> unlisted = new ArrayList<>();
        for (String a : onlySuricata) if (!d.listed("alerts", rel, frame(a))) unlisted.add("Suricata only: " + a);
        for (String a : onlyUs) if (!d.listed("alerts", rel, frame(a))) unlisted.add("smbwatch only: " + a);
        assertEquals(List.of(), unlisted, rel + " (alerts: sid src_port dst_port direction frame)");
    }

    /**
     * The message model (the default: each SMB message one payload) against Suricata: an alert of
     * one tool only must be listed for the capture in docs/DIFFERENCES.md (check "alerts-message").
     */
    @ParameterizedTest
    @MethodSource("withFastLog")
    void messageModelAgainstSuricata(String rel) throws Exception {
        Shared.require();
        List<String> want = suricata(rel);
        List<String> got = alerts(Shared.pcap(rel), etSmb(), DetectEngine.Payload.MESSAGE);
        List<String> onlySuricata = minus(want, got), onlyUs = minus(got, want);
        Differences d = Differences.load();
        List<String> unlisted = new ArrayList<>();
        for (String a : onlySuricata) if (!d.listed("alerts-message", rel, frame(a))) unlisted.add("Suricata only: " + a);
        for (String a : onlyUs) if (!d.listed("alerts-message", rel, frame(a))) unlisted.add("smbwatch only: " + a);
        assertEquals(List.of(), unlisted, rel + " (alerts: sid src_port dst_port direction frame)");
    }

    @org.junit.jupiter.api.Test
    void etSmbLoadsEveryRule() throws Exception {
        Shared.require();
        RuleSet rs = etSmb();
        assertEquals(525, rs.rules().size(), "rules loaded");
        assertTrue(rs.skipped().isEmpty(), "skipped: " + rs.skipped());
    }

    static long frame(String alert) {
        return Long.parseLong(alert.substring(alert.lastIndexOf(' ') + 1));
    }

    static List<String> minus(List<String> a, List<String> b) {
        List<String> rest = new ArrayList<>(b);
        List<String> out = new ArrayList<>();
        for (String x : a) if (!rest.remove(x)) out.add(x);
        return out;
    }
}
