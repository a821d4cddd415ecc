package io.smbwatch.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.SmbMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DisplayFilterTest {
    /** A frame given as field → values, and the protocols present. */
    static final class Frame implements FrameView {
        final Map<String, List<Object>> values = new HashMap<>();
        final Set<String> protocols = new HashSet<>();

        Frame with(String field, Object... vs) {
            List<Object> l = values.computeIfAbsent(field, k -> new ArrayList<>());
            for (Object v : vs) l.add(v instanceof Integer i ? (long) i : v);
            return this;
        }

        Frame proto(String... ps) {
            protocols.addAll(List.of(ps));
            return this;
        }

        @Override
        public void values(FieldInfo f, List<Object> out) {
            out.addAll(values.getOrDefault(f.name(), List.of()));
        }

        @Override
        public boolean present(FieldInfo f) {
            return f.type() == FieldType.PROTOCOL ? protocols.contains(f.name()) : values.containsKey(f.name());
        }
    }

    /** An SMB1 AndX chain (Session Setup + Tree Connect) from 10.1.2.3 plus an SMB2 Create of evil.DLL. */
    static Frame frame() {
        return new Frame().proto("smb", "smb2", "ip", "tcp", "nbss", "frame")
                .with("frame.number", 42)
                .with("smb.cmd", 0x73, 0x75)
                .with("smb.nt_status", 0, 0xc000006dL)
                .with("smb.path", "\\\\SRV\\IPC$")
                .with("smb.flags.response", 0)
                .with("smb2.cmd", 5)
                .with("smb2.filename", "Windows\\System32\\evil.DLL")
                .with("ntlmssp.auth.username", "Administrator")
                .with("tcp.port", 49152, 445)
                .with("ip.src", Literals.address("10.1.2.3", FieldType.IPV4))
                .with("ip.dst", Literals.address("192.168.0.9", FieldType.IPV4))
                .with("ip.addr", Literals.address("10.1.2.3", FieldType.IPV4), Literals.address("192.168.0.9", FieldType.IPV4))
                .with("smb2.client_guid", "{12345778-1234-ABCD-EF00-0123456789AC}");
    }

    static boolean eval(String expr) {
        try {
            return DisplayFilter.compile(expr).matches(frame());
        } catch (FilterException e) {
            throw new AssertionError(e.render(), e);
        }
    }

    static FilterException error(String expr) {
        return assertThrows(FilterException.class, () -> DisplayFilter.compile(expr), expr);
    }

    @Test
    void presence() {
        assertTrue(eval("smb"));
        assertTrue(eval("smb2.filename"));
        assertFalse(eval("dcerpc"));
        assertFalse(eval("smb.file"));
        assertFalse(eval("samr"));
    }

    @Test
    void comparisonOperatorsAndTheirWordForms() {
        assertTrue(eval("smb2.cmd == 5") && eval("smb2.cmd eq 5") && eval("smb2.cmd any_eq 5"));
        assertTrue(eval("smb2.cmd != 6") && eval("smb2.cmd ne 6") && eval("smb2.cmd all_ne 6"));
        assertTrue(eval("smb2.cmd < 6") && eval("smb2.cmd lt 6") && !eval("smb2.cmd < 5"));
        assertTrue(eval("smb2.cmd <= 5") && eval("smb2.cmd le 5") && !eval("smb2.cmd le 4"));
        assertTrue(eval("smb2.cmd > 4") && eval("smb2.cmd gt 4") && !eval("smb2.cmd > 5"));
        assertTrue(eval("smb2.cmd >= 5") && eval("smb2.cmd ge 5") && !eval("smb2.cmd ge 6"));
        assertTrue(eval("smb2.filename contains \"System32\"") && !eval("smb2.filename contains \"system32\""));
        assertTrue(eval("smb.path contains IPC$"));
        assertTrue(eval("smb2.filename matches \"\\\\.(exe|dll)$\""), "matches is case-insensitive as in Wireshark");
        assertFalse(eval("smb2.filename matches \"(?-i)\\\\.dll$\""));
        assertTrue(eval("smb2.filename ~ \"evil\""));
        assertTrue(eval("ntlmssp.auth.username == \"Administrator\"") && !eval("ntlmssp.auth.username == \"administrator\""));
        assertTrue(eval("smb.path == \"\\\\\\\\SRV\\\\IPC$\""));
    }

    @Test
    void multiValuedFieldsFollowWireshark4() {
        assertTrue(eval("smb.cmd == 0x75"), "any value");
        assertFalse(eval("smb.cmd != 0x75"), "!= is all-not-equal");
        assertTrue(eval("smb.cmd !== 0x75") && eval("smb.cmd ~= 0x75") && eval("smb.cmd any_ne 0x75"));
        assertFalse(eval("smb.cmd === 0x73"));
        assertTrue(eval("smb.cmd === 0x73 || smb.cmd all_eq 0x73 || smb2.cmd === 5"));
        assertFalse(eval("smb.fid != 3"), "a missing field makes every comparison false");
        assertTrue(eval("!(smb.fid == 3)"));
        assertTrue(eval("smb.nt_status != 1") && eval("smb.nt_status == 0") && eval("smb.nt_status == 0xc000006d"));
    }

    @Test
    void setsAndRanges() {
        assertTrue(eval("smb2.cmd in {8, 9, 5}"));
        assertTrue(eval("smb2.cmd in {1..3, 4..6}"));
        assertFalse(eval("smb2.cmd in {8..9}"));
        assertTrue(eval("smb2.cmd not in {8, 9}"));
        assertTrue(eval("smb.fid not in {8}"), "not in is the negation of in");
        assertTrue(eval("ntlmssp.auth.username in {\"guest\", \"Administrator\"}"));
        assertTrue(eval("tcp.port in {445, 139}"));
        assertEquals("empty set", error("smb2.cmd in {}").getMessage());
        assertTrue(error("smb2.cmd in {8 9}").getMessage().contains("\"9\" was unexpected"));
        assertTrue(error("smb2.cmd in 8").getMessage().contains("takes a set"));
        assertTrue(error("smb2.cmd in {8,").getMessage().contains("unexpected"));
    }

    @Test
    void precedenceAndParentheses() {
        // and binds tighter than or; not tighter than and
        assertTrue(eval("smb or dcerpc and samr"));          // smb or (dcerpc and samr)
        assertFalse(eval("(smb or dcerpc) and samr"));
        assertFalse(eval("not smb and smb2"));                 // (not smb) and smb2
        assertTrue(eval("not (smb and dcerpc)"));
        assertTrue(eval("!dcerpc && smb2 || samr"));
        assertTrue(eval("!!smb"));
        assertFalse(eval("!!!smb"));
        assertTrue(eval("((((smb))))"));
        assertTrue(eval("smb2 && !(smb2.cmd in {8,9})"));
    }

    @Test
    void literals() {
        assertTrue(eval("smb.cmd == 115") && eval("smb.cmd == 0x73") && eval("smb.cmd == 0163") && eval("smb.cmd == 0b1110011"));
        assertTrue(eval("smb.cmd == 's'") && eval("smb.cmd == '\\x73'") && eval("smb.cmd == '\\163'"));
        assertTrue(eval("smb2.cmd == CREATE") && eval("smb2.cmd == \"Create\""), "value-string names");
        assertTrue(eval("smb.nt_status == STATUS_LOGON_FAILURE"));
        assertTrue(eval("smb.flags.response == False") && eval("smb.flags.response == 0") && !eval("smb.flags.response == true"));
        assertTrue(eval("smb2.filename contains \"\\x65vil\\x2e\\104LL\""), "hex and octal escapes");
        assertTrue(eval("smb2.filename contains \"\\u0065vil\""));
        assertTrue(eval("smb.path contains r\"\\IPC\""), "raw string");
        assertTrue(eval("smb2.filename contains 65:76:69:6c") == false, "a string field reads an unquoted word as text");
        assertTrue(eval("ip.src == 10.1.2.3") && eval("ip.addr == 10.0.0.0/8") && eval("ip.addr == 192.168.0.0/16"));
        assertFalse(eval("ip.src == 192.168.0.0/16"));
        assertTrue(eval("ip.dst != 10.0.0.0/8") && !eval("ip.addr != 10.0.0.0/8"));
        assertTrue(eval("ip.src < 11.0.0.0") && eval("ip.src > 10.1.2.2"));
        assertTrue(eval("smb2.client_guid == 12345778-1234-abcd-ef00-0123456789ac"), "GUIDs ignore case and braces");
        assertTrue(eval("smb2.client_guid == \"{12345778-1234-ABCD-EF00-0123456789AC}\""));
        assertTrue(eval("frame.number > 10 && frame.number <= 42"));
    }

    @Test
    void ipv6AndBytes() throws FilterException {
        Frame f = new Frame().with("ipv6.addr", Literals.address("fe80::1", FieldType.IPV6));
        assertTrue(DisplayFilter.compile("ipv6.addr == fe80::/10").matches(f));
        assertFalse(DisplayFilter.compile("ipv6.addr == fe80::2").matches(f));
        assertTrue(DisplayFilter.compile("ipv6.addr == FE80:0:0::1").matches(f));
        assertTrue(error("ipv6.addr == fe80::/129").getMessage().contains("prefix"));
        assertTrue(error("ip.addr == 10.0.0.256").getMessage().contains("not an IPv4"));
        assertTrue(error("ip.addr == example.com").getMessage().contains("host names"));
    }

    @Test
    void fieldToFieldAndFunctions() {
        assertTrue(eval("smb.nt_status == smb.flags.response"));   // 0 == 0
        assertFalse(eval("ip.src == ip.dst"));
        assertTrue(eval("5 == smb2.cmd") && eval("4 < smb2.cmd"), "literal on the left");
        assertTrue(eval("len(smb2.filename) == 25") && eval("count(smb.cmd) == 2"));
        assertTrue(eval("lower(smb2.filename) contains \"system32\"") && eval("upper(smb.path) == \"\\\\\\\\SRV\\\\IPC$\""));
        assertTrue(error("len(smb2.cmd) > 1").getMessage().contains("len() takes"));
        assertTrue(error("foo(smb2.cmd)").getMessage().contains("unknown function"));
    }

    @Test
    void errorsPointAtTheColumnAndSuggest() {
        FilterException e = error("smb2.cmd == 5 && smb2.filenme contains \"x\"");
        assertEquals(18, e.column());
        assertTrue(e.getMessage().contains("did you mean \"smb2.filename\""), e.getMessage());
        String[] lines = e.render().split("\n");
        assertEquals(3, lines.length);
        assertEquals(lines[1].indexOf("smb2.filenme"), lines[2].indexOf('^'));
        assertEquals("^" + "~".repeat("smb2.filenme".length() - 1), lines[2].trim());
        assertTrue(error("ntlmssp.auth.usrname == \"x\"").getMessage().contains("ntlmssp.auth.username"));
        assertTrue(error("smb2.nt_stauts != 0").getMessage().contains("smb2.nt_status"));
        assertEquals(1, error("").column());
        assertEquals("unexpected end of filter expression", error("smb.cmd == 0x73 or").getMessage());
        assertEquals(20, error("smb.cmd == 0xa2 && (frame.number==14").column());
        assertEquals(9, error("smb.cmd = 3").column());
        assertEquals(13, error("smb.path == \"abc").column());
        assertTrue(error("smb.path == \"abc").getMessage().contains("unterminated string"));
        assertTrue(error("smb.path == \"a\\qb\"").getMessage().contains("unknown escape"));
        assertTrue(error("smb.cmd == \"x\"").getMessage().contains("possible values"));
        assertTrue(error("smb.cmd == -1").getMessage().contains("negative"));
        assertTrue(error("smb.cmd == 0x1ffffffffffffffff").getMessage().contains("64 bits"));
        assertTrue(error("smb.cmd contains 3").getMessage().contains("contains"));
        assertTrue(error("smb.cmd matches \"3\"").getMessage().contains("matches"));
        assertTrue(error("smb2.filename matches \"(\"").getMessage().contains("regular expression"));
        assertTrue(error("smb2.filename matches abc").getMessage().contains("quoted"));
        assertTrue(error("smb contains 41").getMessage().contains("protocol"));
        assertTrue(error("smb2.client_guid == 1234").getMessage().contains("GUID"));
        assertTrue(error("3 == 4").getMessage().contains("neither"));
        assertTrue(error("smb.cmd == smb2").getMessage().contains("protocol"));
        assertTrue(error("smb2.cmd == smb2.filename").getMessage().contains("cannot be compared"));
        assertTrue(error("smb.cmd[0:1] == 3").getMessage().contains("slices"));
        assertTrue(error("smb AND smb2").getMessage().contains("\"AND\""));
        assertTrue(error("smb ^^ smb2").getMessage().contains("unexpected character"));
        assertTrue(error("smb2.cmd == smb2.tdi").getMessage().contains("did you mean the field \"smb2.tid\""));
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "(".repeat(10_000) + "smb" + ")".repeat(10_000);
        FilterException e = error(deep);
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
        assertEquals(io.smbwatch.config.Limit.FILTER_DEPTH.defaultInt() + 1, e.column());
        assertTrue(e.render().length() < 400, "the rendering shows a window of a long expression");
        String ok = "(".repeat(io.smbwatch.config.Limit.FILTER_DEPTH.defaultInt()) + "smb" + ")".repeat(io.smbwatch.config.Limit.FILTER_DEPTH.defaultInt());
        assertTrue(eval(ok));
        assertTrue(eval("!".repeat(10_000) + "smb"), "negations are counted, not nested");
        assertTrue(error("(".repeat(10_000)).getMessage().contains("nested deeper"));
    }

    @Test
    void oneMegabyteExpressions() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            StringBuilder sb = new StringBuilder("dcerpc");
            while (sb.length() < 1 << 20) sb.append(" or smb2.cmd == 9 && frame.number > 3");
            sb.append(" or smb");
            DisplayFilter f = DisplayFilter.compile(sb.toString());
            assertTrue(f.matches(frame()));
            FilterException e = error("x".repeat(1 << 20));
            assertFalse(e.getMessage().contains("did you mean"));
            assertTrue(e.render().length() < 400);
            e = error("smb2.filename contains \"" + "a".repeat(1 << 20));
            assertTrue(e.getMessage().contains("unterminated"));
            e = error("smb or ".repeat(150_000) + "smb2.cmd ==");
            assertTrue(e.getMessage().contains("end of filter"));
            assertEquals(150_000 * 7 + 12, e.column());
        });
    }

    @Test
    void catastrophicRegexIsBounded() throws FilterException {
        DisplayFilter f = DisplayFilter.compile("smb2.filename matches \"((a+)+)+b\"");
        Frame hostile = new Frame().with("smb2.filename", "a".repeat(64));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFalse(f.matches(hostile)));
        assertEquals(1, f.regexGiveUps());
        assertTrue(f.matches(new Frame().with("smb2.filename", "aaab")));
    }

    @Test
    void evaluatesOverTheUnionOfTheFramesMessages() throws FilterException {
        SmbMessage a = new SmbMessage();
        a.protocol = SmbMessage.SMB;
        a.frame = 7;
        a.fields.add("smb.cmd", 0x32L).add("smb.trans2.cmd", 5L);
        SmbMessage b = new SmbMessage();
        b.protocol = SmbMessage.SMB2;
        b.response = true;
        b.fields.add("smb2.cmd", 5L).add("smb2.nt_status", 0L).add("ntlmssp.messagetype", 3L).add("samr.opnum", 13L);
        List<SmbMessage> frame = List.of(a, b);
        assertTrue(DisplayFilter.compile("smb.cmd == 0x32 && smb.trans2.cmd == 0x0005").matches(frame));
        assertTrue(DisplayFilter.compile("smb && smb2 && ntlmssp && samr && !lsarpc && !dcerpc").matches(frame));
        assertTrue(DisplayFilter.compile("smb2.flags.response == 1 && smb.flags.response == 0").matches(frame));
        assertTrue(DisplayFilter.compile("samr.opnum == 13 && dcerpc.op == \"EnumDomainUsers\"").matches(frame));
        assertTrue(DisplayFilter.compile("frame.number == 7").matches(frame));
        assertFalse(DisplayFilter.compile("ip || tcp || tcp.port == 445").matches(frame), "no flow: no frame-level fields");
        SmbMessage c = new SmbMessage();
        c.protocol = SmbMessage.SMB2;
        c.fields.add("dcerpc.pkt_type", 0L).add("dcerpc.interface_name", "SRVSVC").add("dcerpc.opnum", 31L);
        assertTrue(DisplayFilter.compile("srvsvc && !samr && dcerpc.op contains \"NetPathCanonicalize\"").matches(List.of(c)));
        c.fields.add("dcerpc.op", "NetrpPathCanonicalize");
        assertTrue(DisplayFilter.compile("dcerpc.op == \"NetrpPathCanonicalize\"").matches(List.of(c)), "the dissector's name wins");
    }

    @Test
    void fieldsAreReported() throws FilterException {
        assertEquals(Set.of("smb2", "smb2.cmd", "ip.addr"), DisplayFilter.compile("smb2 && smb2.cmd in {1} || ip.addr == 1.2.3.4").fields());
    }

    @Test
    void registry() {
        assertEquals(FieldType.UINT, FieldRegistry.lookup("smb2.cmd").type());
        assertEquals(FieldType.PROTOCOL, FieldRegistry.lookup("svcctl").type());
        assertEquals(FieldType.UINT, FieldRegistry.lookup("atsvc.opnum").type());
        assertEquals("smb2.filename", FieldRegistry.suggest("smb2.filenam"));
        assertEquals(null, FieldRegistry.suggest("completely.unrelated.name"));
        Set<String> names = new HashSet<>();
        for (FieldInfo f : FieldRegistry.all()) {
            assertTrue(names.add(f.name()), "unique " + f.name());
            assertFalse(f.description().isBlank(), f.name());
            // Wireshark's DCERPC argument fields keep the interface's case (srvsvc.srvsvc_NetPathCanonicalize.path)
            assertTrue(f.name().matches("[a-z0-9_]+(\\.[A-Za-z0-9_]+)*"), f.name());
        }
    }
}
