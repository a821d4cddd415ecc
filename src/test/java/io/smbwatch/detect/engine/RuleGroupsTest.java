package io.smbwatch.detect.engine;

import static io.smbwatch.detect.engine.RuleGroups.FLAGS;
import static io.smbwatch.detect.engine.RuleGroups.MESSAGE;
import static io.smbwatch.detect.engine.RuleGroups.PACKET;
import static io.smbwatch.detect.engine.RuleGroups.PKT_ONLY;
import static io.smbwatch.detect.engine.RuleGroups.SMB_MSG;
import static io.smbwatch.detect.engine.RuleGroups.STREAM;
import static io.smbwatch.detect.engine.RuleGroups.UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.smbwatch.detect.rule.Rule;
import io.smbwatch.flow.Flow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which group each kind of rule lands in, per direction, and the prefilters shared per header fit. */
class RuleGroupsTest {
    private static final String[] RULES = {
        "alert tcp any any -> any any (msg:\"anchored\"; content:\"SMB\"; depth:8; sid:1;)",
        "alert tcp any any -> any any (msg:\"anywhere\"; content:\"evil\"; sid:2;)",
        "alert tcp-pkt any any -> any any (msg:\"packet\"; content:\"pkt\"; sid:3;)",
        "alert smb any any -> any any (msg:\"pipe\"; smb.named_pipe; content:\"lsarpc\"; sid:4;)",
        "alert tcp any any -> any any (msg:\"syn\"; flags:S; sid:5;)",
        "alert udp any any -> any any (msg:\"dgram\"; content:\"u\"; sid:6;)",
        "alert ip any any -> any any (msg:\"ip\"; content:\"i\"; sid:7;)",
        "alert tcp any any -> any any (msg:\"to server\"; flow:to_server; content:\"up\"; sid:8;)",
    };

    private static List<Long> sids(Rule[] rules, int[] ids) {
        List<Long> l = new ArrayList<>();
        for (int i : ids) l.add(rules[i].sid());
        return l;
    }

    @Test
    void eachRuleGoesToTheGroupsSuricataInspectsItIn() {
        Rule[] rules = EngineFixtures.array(RULES);
        RuleGroups g = new RuleGroups(rules);
        assertEquals(List.of(1L, 2L, 8L), sids(rules, g.ids(STREAM, Flow.TO_SERVER)));
        assertEquals(List.of(1L, 2L), sids(rules, g.ids(STREAM, Flow.TO_CLIENT)));
        assertEquals(List.of(1L, 2L, 8L), sids(rules, g.ids(MESSAGE, Flow.TO_SERVER)));
        assertEquals(List.of(1L, 3L, 7L), sids(rules, g.ids(PACKET, Flow.TO_SERVER)), "absolute depth: the packet too");
        assertEquals(List.of(3L, 7L), sids(rules, g.ids(PKT_ONLY, Flow.TO_SERVER)));
        assertEquals(List.of(4L), sids(rules, g.ids(SMB_MSG, Flow.TO_CLIENT)));
        assertEquals(List.of(5L), sids(rules, g.ids(FLAGS, Flow.TO_SERVER)));
        assertEquals(List.of(6L, 7L), sids(rules, g.ids(UDP, Flow.TO_CLIENT)));
        assertEquals(true, g.has(STREAM));
    }

    @Test
    void noStreamRulesNoStreamGroup() {
        RuleGroups g = new RuleGroups(EngineFixtures.array(RULES[2], RULES[5]));
        assertEquals(false, g.has(STREAM));
        assertEquals(false, g.has(SMB_MSG, Flow.TO_SERVER));
    }

    @Test
    void flowsWithTheSameFittingRulesShareOnePrefilter() {
        Rule[] rules = EngineFixtures.array(
                "alert tcp any any -> any 445 (msg:\"a\"; content:\"SMB\"; depth:8; sid:1;)",
                "alert tcp any any -> any 8080 (msg:\"b\"; content:\"GET\"; depth:3; sid:2;)");
        RuleGroups g = new RuleGroups(rules);
        EngineFixtures fx = new EngineFixtures();
        Flow smb1 = fx.tcpFlow(1, 40000, 445), smb2 = fx.tcpFlow(2, 40001, 445), web = fx.tcpFlow(3, 40002, 8080);
        Prefilter a = g.prefilter(new EngineFlow(), STREAM, smb1, Flow.TO_SERVER);
        EngineFlow s2 = new EngineFlow();
        assertSame(a, g.prefilter(s2, STREAM, smb2, Flow.TO_SERVER));
        assertSame(a, s2.prefilter[STREAM * 2], "kept in the flow's state");
        Prefilter w = g.prefilter(new EngineFlow(), STREAM, web, Flow.TO_SERVER);
        assertNotSame(a, w);
        assertEquals(1, a.rules);
        assertEquals(1, w.rules);
    }

    @Test
    void headerFitsBothWaysForBidirectionalRules() {
        Rule[] rules = EngineFixtures.array("alert tcp any 445 <> any any (msg:\"x\"; content:\"a\"; sid:1;)");
        Flow f = new EngineFixtures().tcpFlow(1, 40000, 445);
        assertEquals(false, RuleGroups.fits(rules[0], f, Flow.TO_SERVER));
        assertEquals(true, RuleGroups.fits(rules[0], f, Flow.TO_CLIENT));
        EngineFlow s = new EngineFlow();
        assertEquals(true, s.fits(0, rules[0], f, Flow.TO_SERVER, 1));
        assertEquals(true, s.fits(0, rules[0], f, Flow.TO_SERVER, 1), "the cached answer");
    }
}
