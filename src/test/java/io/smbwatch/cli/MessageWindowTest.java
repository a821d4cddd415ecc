package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smbwatch.cli.ReadCommandTest.Result;
import io.smbwatch.corpus.Shared;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules whose contents span SMB messages (issue 21, section 1) on the capture impacket made
 * against Samba (samples/ms08067-sample.pcap, scripts/make-attack-samples.sh): a Bind to SRVSVC
 * (frame 18), a benign NetprPathCanonicalize (frame 25) and one with a traversing path (frame 29).
 * The ET MS08-067 rules carry the SRVSVC UUID (only in the Bind) with the opnum and the path (only
 * in the Request): in the default model they fire through the cross-message window, once, on the
 * malicious call, never on the benign one, the same sids as Suricata's own payloads, and at the
 * same message wherever the capture starts while the Bind is in it.
 */
class MessageWindowTest {
    static final Path MS08 = Path.of("samples/ms08067-sample.pcap");
    static final int BIND = 18, BENIGN = 25, MALICIOUS = 29;
    Path dir, rules, cfg;

    @BeforeEach
    void setUp(@TempDir Path d) throws Exception {
        dir = d;
        rules = Shared.require().resolve("rules/et-smb.rules");
        cfg = d.resolve("home.yaml");       // the loopback sample sits outside Suricata's default $HOME_NET
        Files.writeString(cfg, "vars:\n  address-groups:\n    HOME_NET: \"[127.0.0.0/8]\"\n");
    }

    /** "sid@frame" of every alert of a run, sorted. */
    List<String> alerts(Path pcap, String... more) throws Exception {
        Path out = Files.createTempDirectory(dir, "run");
        List<String> args = new ArrayList<>(List.of("read", pcap.toString(), "-S", rules.toString(), "--config", cfg.toString(),
                "--no-detectors", "-q", "-l", out.toString()));
        args.addAll(List.of(more));
        Result r = ReadCommandTest.runHere(null, args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        List<String> got = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String l : Files.readAllLines(out.resolve("eve.json"))) {
            JsonNode n = json.readTree(l);
            if (n.path("event_type").asText().equals("alert")) got.add(n.path("alert").path("signature_id").asLong() + "@" + n.path("pcap_cnt").asLong());
        }
        Collections.sort(got);
        return got;
    }

    @Test
    void theMs08067RulesFireOncePerMaliciousCallNeverOnTheBenignOne() throws Exception {
        List<String> got = alerts(MS08);
        assertEquals(List.of("2008705@" + MALICIOUS, "2008715@" + MALICIOUS), got);
        List<String> sids = new ArrayList<>();
        for (String a : alerts(MS08, "--payload", "suricata")) sids.add(a.substring(0, a.indexOf('@')));
        assertEquals(List.of("2008705", "2008715"), sids, "the sids of Suricata's own payloads");
        assertEquals(got, alerts(MS08, "-w", "2"), "two workers");
    }

    @Test
    void theWindowIsCountedInTheRulesProfile() throws Exception {
        Result r = ReadCommandTest.runHere(null, "read", MS08.toString(), "-S", rules.toString(), "--config", cfg.toString(),
                "--no-detectors", "-q", "--rules-profile");
        assertEquals(0, r.code(), r.err());
        String line = r.err().lines().filter(l -> l.startsWith("group msg-window  to_server ")).findFirst().orElse("");
        assertTrue(line.matches(".* \\d+ rules over the message and the earlier ones of its direction \\(sids .*2008705.*"), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.matches("message window: +\\d+ rule evaluations over windows, 2 matched")), r.err());
    }

    /**
     * 2008705 needs the Bind and the call (opnum 31, the path); 2008715 wants "|20 00|" anywhere,
     * which only earlier messages of the session hold: it fires while the capture holds one.
     * Whatever the start, an alert is one of the whole capture's, at the same message.
     */
    @Test
    void theSameMessageWhereverTheCaptureStartsWhileTheMessagesItNeedsAreInIt() throws Exception {
        List<String> whole = alerts(MS08);
        int both = 0;
        for (int first = 2; first <= BIND + 1; first++) {
            Path cut = dir.resolve("from-" + first + ".pcap");
            fromFrame(MS08, cut, first);
            List<String> got = new ArrayList<>();
            for (String a : alerts(cut)) {
                int at = a.indexOf('@');
                got.add(a.substring(0, at) + "@" + (Long.parseLong(a.substring(at + 1)) + first - 1));   // frames of the whole capture
            }
            assertTrue(whole.containsAll(got), "capture from frame " + first + ": " + got);
            assertEquals(first <= BIND, got.contains("2008705@" + MALICIOUS), "capture from frame " + first + ": " + got);
            if (got.size() == 2) both++;
        }
        assertTrue(both > 0, "2008715 fires on some cut that keeps what it needs");
    }

    /** Copies a classic pcap from its record {@code first} (1-based) on. */
    static void fromFrame(Path in, Path out, int first) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(in)).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(b.array(), 0, 24);
        int n = 0;
        for (int p = 24; p + 16 <= b.limit(); ) {
            int rec = 16 + b.getInt(p + 8);
            if (++n >= first) o.write(b.array(), p, rec);
            p += rec;
        }
        Files.write(out, o.toByteArray());
    }
}
