package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.cli.ReadCommandTest.Result;
import io.smbwatch.corpus.Shared;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flows picked up without a handshake (issue 21, section 3): a capture with every connection's
 * SYN, SYN-ACK and the ACKs before its first data removed, made here from a real one, gives the
 * same alerts of a flowbits chain whose first step (flowbits:set, flow:established) is on the
 * very first packet left of each connection, as Suricata does with stream.midstream: true.
 */
class MidstreamTest {
    static final String RULES = String.join("\n",
            "alert tcp-pkt any any -> any 445 (msg:\"smb1 negotiate\"; flow:established,to_server; content:\"|ff|SMB|72|\"; "
                    + "offset:4; depth:5; flowbits:set,negotiated; flowbits:noalert; sid:7200001;)",
            "alert tcp-pkt any any -> any 445 (msg:\"smb2 negotiate\"; flow:established,to_server; content:\"|fe|SMB\"; "
                    + "offset:4; depth:4; content:\"|00 00|\"; distance:8; within:2; flowbits:set,negotiated; flowbits:noalert; sid:7200002;)",
            "alert tcp-pkt any 445 -> any any (msg:\"answer after negotiate\"; flow:established,to_client; content:\"SMB\"; "
                    + "offset:5; depth:3; flowbits:isset,negotiated; sid:7200003;)", "");

    @ParameterizedTest
    @ValueSource(strings = {"repo:samples/smb-sample.pcap", "suricata-verify/tests/smb2-07/20171220_smb_psexec_add_user.pcap"})
    void aRuleChainFiresInFullWithoutHandshakes(String rel, @TempDir Path dir) throws Exception {
        Shared.require(rel);
        Path full = Shared.pcap(rel), cut = dir.resolve("no-handshakes.pcap"), rules = dir.resolve("chain.rules");
        int dropped = withoutHandshakes(full, cut);
        assertTrue(dropped >= 3, "handshake packets removed: " + dropped);
        Files.writeString(rules, RULES);
        Map<Long, Integer> whole = alerts(full, rules, dir.resolve("full")), mid = alerts(cut, rules, dir.resolve("cut"));
        assertTrue(whole.getOrDefault(7200003L, 0) > 0, "the chain fires on the whole capture: " + whole);
        assertEquals(whole, mid, "alerts by sid, capture without handshakes");
    }

    static Map<Long, Integer> alerts(Path pcap, Path rules, Path out) throws Exception {
        Result r = ReadCommandTest.runHere(null, "read", pcap.toString(), "-S", rules.toString(), "--no-detectors", "-q", "-l", out.toString());
        assertEquals(0, r.code(), r.err());
        return AlertLinesTest.eveAlerts(out.resolve("eve.json"));
    }

    /**
     * Copies a classic little-endian Ethernet pcap without the TCP packets of a connection before
     * its first data (SYN, SYN-ACK, bare ACKs); returns how many were left out.
     */
    static int withoutHandshakes(Path in, Path out) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(in)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt(0), "classic little-endian pcap");
        assertEquals(1, b.getInt(20), "Ethernet");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(b.array(), 0, 24);
        Set<String> started = new HashSet<>();
        int dropped = 0;
        for (int p = 24; p + 16 <= b.limit(); ) {
            int caplen = b.getInt(p + 8);
            int rec = 16 + caplen;
            if (keep(b, p + 16, caplen, started)) o.write(b.array(), p, rec);
            else dropped++;
            p += rec;
        }
        Files.write(out, o.toByteArray());
        return dropped;
    }

    /** False for a TCP packet over IPv4 before its connection's first data. */
    private static boolean keep(ByteBuffer b, int f, int len, Set<String> started) {
        if (len < 34 || (b.get(f + 12) & 0xff) != 0x08 || b.get(f + 13) != 0) return true;
        int ip = f + 14, ihl = (b.get(ip) & 0x0f) * 4;
        if (b.get(ip + 9) != 6 || len < 14 + ihl + 20) return true;
        int tcp = ip + ihl, total = ((b.get(ip + 2) & 0xff) << 8) | (b.get(ip + 3) & 0xff);
        int data = total - ihl - ((b.get(tcp + 12) & 0xf0) >> 2);
        String a = b.getInt(ip + 12) + ":" + b.getShort(tcp), c = b.getInt(ip + 16) + ":" + b.getShort(tcp + 2);
        String key = a.compareTo(c) < 0 ? a + "-" + c : c + "-" + a;
        boolean syn = (b.get(tcp + 13) & 0x02) != 0;
        if (data > 0 && !syn) started.add(key);
        return started.contains(key);
    }
}
