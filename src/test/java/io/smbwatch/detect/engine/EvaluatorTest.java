package io.smbwatch.detect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smbwatch.detect.rule.Rule;
import io.smbwatch.flow.Flow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Running rules on hand-built payloads: flowbits per flow, pass, thresholds, one alert per packet, flow conditions. */
class EvaluatorTest {
    private final EngineFixtures fx = new EngineFixtures();
    private final List<Alert> alerts = new ArrayList<>();
    private final Flow flow = fx.tcpFlow(1, 40000, 8080);
    private final EngineFlow state = new EngineFlow();

    private Evaluator evaluator(String... rules) {
        Rule[] r = EngineFixtures.array(rules);
        return new Evaluator(r, new RuleGroups(r), alerts::add);
    }

    private PayloadView payload(int kind, EngineFlow s, Flow f, String text) {
        byte[] b = EngineFixtures.ascii("--" + text);
        return new PayloadView().of(kind, s, f, Flow.TO_SERVER, null).bytes(b, 2, b.length - 2, kind == RuleGroups.STREAM).at(5, 1000, 0);
    }

    private List<Long> sids() {
        List<Long> l = new ArrayList<>();
        for (Alert a : alerts) l.add(a.rule().sid());
        return l;
    }

    @Test
    void flowbitsAreThoseOfTheFlowInspected() {
        Evaluator e = evaluator(
                "alert tcp-pkt any any -> any any (msg:\"login\"; content:\"login\"; flowbits:set,in; flowbits:noalert; sid:1;)",
                "alert tcp-pkt any any -> any any (msg:\"cmd\"; content:\"cmd\"; flowbits:isset,in; sid:2;)");
        e.prefiltered(payload(RuleGroups.PACKET, state, flow, "cmd"));
        assertEquals(List.of(), sids());
        e.nextPacket();
        e.prefiltered(payload(RuleGroups.PACKET, state, flow, "login"));
        assertEquals(List.of(), sids(), "noalert");
        e.nextPacket();
        e.prefiltered(payload(RuleGroups.PACKET, state, flow, "cmd"));
        assertEquals(List.of(2L), sids());
        e.nextPacket();
        e.prefiltered(payload(RuleGroups.PACKET, new EngineFlow(), fx.tcpFlow(2, 40001, 8080), "cmd"));
        assertEquals(List.of(2L), sids(), "another flow has no bit set");
    }

    @Test
    void aMatchingPassRuleEndsThePayload() {
        Evaluator e = evaluator(
                "pass tcp-pkt any any -> any any (msg:\"ok\"; content:\"safe\"; sid:1;)",
                "alert tcp-pkt any any -> any any (msg:\"x\"; content:\"x\"; sid:2;)");
        e.prefiltered(payload(RuleGroups.PACKET, state, flow, "safe x"));
        assertEquals(List.of(), sids());
        e.nextPacket();
        e.prefiltered(payload(RuleGroups.PACKET, state, flow, "x"));
        assertEquals(List.of(2L), sids());
    }

    @Test
    void thresholdsApplyUnlessDeferredToTheSink() {
        String rule = "alert tcp-pkt any any -> any any (msg:\"x\"; content:\"x\"; threshold:type limit, track by_src, count 1, seconds 60; sid:1;)";
        Evaluator e = evaluator(rule);
        for (int i = 0; i < 3; i++) {
            e.nextPacket();
            e.prefiltered(payload(RuleGroups.PACKET, state, flow, "x"));
        }
        assertEquals(1, alerts.size());
        alerts.clear();
        Evaluator deferred = evaluator(rule);
        deferred.deferThresholds();
        for (int i = 0; i < 3; i++) {
            deferred.nextPacket();
            deferred.prefiltered(payload(RuleGroups.PACKET, new EngineFlow(), flow, "x"));
        }
        assertEquals(3, alerts.size());
        assertEquals(3, deferred.alerts);
        assertEquals(3, deferred.payloads);
    }

    @Test
    void aRuleAlertsOncePerPacketOnStreamAndPacket() {
        Evaluator e = evaluator("alert tcp any any -> any any (msg:\"x\"; content:\"SMB\"; depth:3; sid:1;)");
        e.nextPacket();
        e.prefiltered(payload(RuleGroups.STREAM, state, flow, "SMB"));
        e.prefiltered(payload(RuleGroups.PACKET, state, flow, "SMB"));
        assertEquals(1, alerts.size());
        assertEquals(true, alerts.get(0).fromStream());
        e.nextPacket();
        e.prefiltered(payload(RuleGroups.PACKET, state, flow, "SMB"));
        assertEquals(2, alerts.size());
        assertEquals(false, alerts.get(1).fromStream());
    }

    @Test
    void flowConditionsAndDsize() {
        Evaluator e = evaluator(
                "alert tcp-pkt any any -> any any (msg:\"est\"; flow:established; content:\"a\"; sid:1;)",
                "alert tcp-pkt any any -> any any (msg:\"small\"; dsize:<3; sid:2;)",
                "alert tcp-pkt any any -> any any (msg:\"back\"; flow:to_client; content:\"a\"; sid:3;)");
        e.nextPacket();
        PayloadView v = payload(RuleGroups.PACKET, state, flow, "aa");
        v.established = false;
        e.prefiltered(v);
        assertEquals(List.of(2L), sids(), "not established; two bytes");
        e.nextPacket();
        e.prefiltered(payload(RuleGroups.PACKET, state, flow, "aaa"));
        assertEquals(List.of(2L, 1L), sids());
    }

    @Test
    void flagsCandidatesAreTheRulesWhoseFlagsPass() {
        Evaluator e = evaluator("alert tcp any any -> any any (msg:\"syn\"; flags:S,12; sid:1;)");
        PayloadView v = payload(RuleGroups.FLAGS, state, flow, "");
        v.tcpFlags = 0x12;
        e.flags(v);
        assertEquals(0, alerts.size(), "SYN+ACK is not SYN alone");
        v.tcpFlags = 0x02;
        e.nextPacket();
        e.flags(v);
        assertEquals(1, alerts.size());
    }

    @Test
    void explainedRulesCarryTheirMatches() {
        Evaluator e = evaluator(
                "alert tcp-pkt any any -> any any (msg:\"a\"; content:\"ab\"; sid:1;)",
                "alert tcp-pkt any any -> any any (msg:\"b\"; content:\"b\"; sid:2;)");
        e.explain(1);
        e.nextPacket();
        e.prefiltered(payload(RuleGroups.PACKET, state, flow, "xab"));
        assertEquals(2, alerts.size());
        assertNotNull(alerts.get(0).explain());
        assertEquals(1, alerts.get(0).explain().get(0).offset());
        assertNull(alerts.get(1).explain());
    }
}
