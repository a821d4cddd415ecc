package io.smbwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.corpus.Shared;
import io.smbwatch.detect.rule.AddressSpec;
import io.smbwatch.detect.rule.Classifications;
import io.smbwatch.detect.rule.PortSpec;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.detect.rule.RuleSet;
import io.smbwatch.detect.rule.RuleVars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleParserTest {
    private static RuleSet load(String text) {
        return new RuleSet(RuleVars.defaults(), Classifications.defaults()).load(text, "t.rules");
    }

    @Test
    void headerOptionsAndEscapes() {
        RuleSet rs = load("alert tcp $HOME_NET any -> [!10.0.0.1,10.0.0.0/8] ![139,445] (msg:\"a\\;b \\\"q\\\"\"; "
                + "flow:established,to_server; content:\"|ff|SMB\"; offset:4; depth:4; content:!\"x\"; distance:0; "
                + "classtype:trojan-activity; metadata:created_at 2020, deployment Internal, deployment Perimeter; sid:1; rev:2;)\n"
                + "# alert tcp any any -> any any (msg:\"off\"; sid:2;)\n"
                + "alert tcp any any -> any any (msg:\"multi\"; \\\n content:\"a\"; sid:3;)\n"
                + "alert tcp any any -> any any (msg:\"bad\"; frobnicate; sid:4;)\n"
                + "alert http any any -> any any (msg:\"inert\"; http.uri; content:\"/x\"; sid:5;)\n");
        assertEquals(3, rs.rules().size());
        assertEquals(1, rs.disabled());
        assertEquals(1, rs.skipped().size());
        assertEquals("unsupported keyword frobnicate", rs.skipped().get(0).reason());
        assertEquals(5, rs.skipped().get(0).line());
        Rule r = rs.rules().get(0);
        assertEquals("a;b \"q\"", r.msg());
        assertEquals("A Network Trojan was detected", r.category());
        assertEquals(1, r.priority());
        assertEquals(List.of("Internal", "Perimeter"), r.metadata().get("deployment"));
        assertEquals(3, rs.rules().get(1).sid());
        assertTrue(rs.rules().get(2).inert() != null);
    }

    @Test
    void addressesAndPorts() throws Exception {
        RuleVars v = RuleVars.defaults();
        AddressSpec a = AddressSpec.parse("[$HOME_NET,!192.168.1.0/24]", v);
        assertTrue(a.matches(4, 0, 0x0a000001L));
        assertFalse(a.matches(4, 0, 0xc0a80101L));
        assertTrue(a.matches(4, 0, 0xc0a80201L));
        assertFalse(AddressSpec.parse("$EXTERNAL_NET", v).matches(4, 0, 0x0a000001L));
        assertTrue(AddressSpec.parse("$EXTERNAL_NET", v).matches(4, 0, 0x7f000001L));
        PortSpec p = PortSpec.parse("[1024:,!49668]", v);
        assertTrue(p.matches(50000));
        assertFalse(p.matches(49668));
        assertFalse(p.matches(445));
    }

    @Test
    void etSmbRulesAllLoad() throws Exception {
        Path f = Shared.require().resolve("rules/et-smb.rules");
        RuleSet rs = new RuleSet(RuleVars.defaults(), Classifications.defaults()).load(f);
        assertEquals(525, rs.rules().size());
        assertEquals(List.of(), rs.skipped());
    }

    @Test
    void wholeEtOpenAccountedFor() throws Exception {
        Path dir = Shared.require().resolve("rules/et-open-2024-04-19");
        RuleSet rs = new RuleSet(RuleVars.defaults(), Classifications.load(dir.resolve("classification.config")));
        long lines = 0;
        try (var s = Files.list(dir)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".rules")).sorted().toList()) {
                rs.load(p);
                lines += Files.readAllLines(p).stream().filter(l -> !l.isBlank() && !l.trim().startsWith("#")).count();
            }
        }
        assertEquals(lines, rs.rules().size() + rs.skipped().size());
        assertTrue(rs.rules().size() > 23_000, "loaded " + rs.rules().size());
    }
}
