package io.smbwatch.resync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.corpus.Frames;
import io.smbwatch.corpus.Shared;
import io.smbwatch.flow.Flow;
import io.smbwatch.packet.DecodeResult;
import io.smbwatch.packet.Packet;
import io.smbwatch.packet.PacketDecoder;
import io.smbwatch.capture.Frame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed 004's promise: every SMB message wholly contained in the packets we saw is dissected as
 * in the complete capture, wherever the capture starts and whatever segments are lost.
 * (1) Cut the capture at every frame (small captures) or at 60 evenly spread frames: the
 * messages whose first byte comes at or after the cut are all there, identical. (2) Drop random
 * TCP data segments (fixed seeds): every message none of whose frames was dropped is there, and
 * no message appears that the complete capture lacks.
 */
class CutAndLossTest {
    /** The captures used: the repository's sample and the shared SMB captures with traffic in both dialects. */
    static Stream<String> captures() throws IOException {
        List<String> l = new ArrayList<>();
        for (String c : Shared.captures()) {
            if (c.contains("OSS-fuzz")) continue;   // random bytes have no "true" messages to keep
            if (c.startsWith(Shared.REPO) || c.startsWith("local/") || c.contains("suricata-verify/tests/smb")
                    || c.contains("Traces/smb/smb2") || c.contains("Traces/smb/smb1") || c.contains("EternalSafety")) {
                l.add(c);
            }
        }
        return l.stream();
    }

    /** What identifies a message independently of connection state. */
    static String key(SmbMessage m) {
        // a DCERPC call is labelled with its interface's name only when the Bind was seen (state)
        String protocol = m.fields.has("dcerpc.pkt_type") ? "DCERPC" : m.protocol;
        return m.frame + " " + m.flow.clientPort + ">" + m.flow.serverPort + " " + protocol + " " + m.command
                + (m.response ? " res " : " req ") + m.statusHex() + " " + m.chainIndex + " " + m.messageId;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void cutAnywhere(String capture) throws IOException {
        Shared.require(capture);
        Frames frames = new Frames(Shared.pcap(capture));
        List<SmbMessage> full = new ArrayList<>();
        frames.replay(n -> true, full::add);
        int count = frames.frames.size();
        TreeSet<Long> cuts = new TreeSet<>();
        if (count <= 400) for (long c = 2; c <= count; c++) cuts.add(c);
        else for (int i = 1; i <= 60; i++) cuts.add(1 + (long) count * i / 61);
        List<String> problems = new ArrayList<>();
        for (long cut : cuts) {
            Set<String> got = new HashSet<>();
            frames.replay(n -> n >= cut, m -> got.add(key(m)));
            for (SmbMessage m : full) {
                if (m.firstFrame >= cut && !m.truncated && !got.contains(key(m))) {
                    problems.add("cut at " + cut + ": lost " + key(m) + " (" + m.info + ")");
                }
            }
        }
        assertTrue(problems.isEmpty(), capture + ": " + problems.size() + " messages lost over " + cuts.size()
                + " cuts:\n" + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void loseSegments(String capture) throws IOException {
        Shared.require(capture);
        Frames frames = new Frames(Shared.pcap(capture));
        List<SmbMessage> full = new ArrayList<>();
        frames.replay(n -> true, full::add);
        Set<String> fullKeys = new HashSet<>();
        for (SmbMessage m : full) fullKeys.add(key(m));
        List<Long> dataFrames = dataFrames(frames);
        List<String> problems = new ArrayList<>();
        for (long seed : new long[] {1, 2, 3, 4, 5}) {
            Random rnd = new Random(seed);
            Set<Long> dropped = new HashSet<>();
            for (long f : dataFrames) if (rnd.nextInt(20) == 0) dropped.add(f);   // about 5 %
            Set<String> got = new HashSet<>();
            frames.replay(n -> !dropped.contains(n), m -> {
                got.add(key(m));
                if (!m.truncated && !fullKeys.contains(key(m))) problems.add("seed " + seed + ": invented " + key(m));
            });
            for (SmbMessage m : full) {
                if (m.truncated || touches(m, dropped)) continue;
                if (!got.contains(key(m))) problems.add("seed " + seed + ": lost " + key(m) + " (" + m.info + ")");
            }
        }
        assertTrue(problems.isEmpty(), capture + ": " + problems.size() + " problems:\n"
                + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
    }

    // ---- alerts (et-smb.rules) -----------------------------------------------------------------

    /** et-smb.rules without the rules whose result depends on earlier traffic (flowbits, thresholds, bound interface, file names). */
    static List<io.smbwatch.detect.rule.Rule> statelessRules(String capture) throws IOException {
        io.smbwatch.detect.rule.RuleVars vars = capture.startsWith(Shared.REPO)
                ? io.smbwatch.detect.rule.RuleVars.load(java.nio.file.Path.of("samples/expected/rules-sample-suricata.yaml"))
                : io.smbwatch.detect.rule.RuleVars.defaults();
        List<io.smbwatch.detect.rule.Rule> l = new ArrayList<>();
        for (io.smbwatch.detect.rule.Rule r : new io.smbwatch.detect.rule.RuleSet(vars,
                io.smbwatch.detect.rule.Classifications.defaults()).load(Shared.root().resolve("rules/et-smb.rules")).rules()) {
            if (r.flowbits().isEmpty() && r.threshold() == null && r.detectionFilter() == null && r.dcerpcIfaces().isEmpty()
                    && r.fileNames().isEmpty() && !r.hasBuffer(io.smbwatch.detect.rule.BufferKind.FILE_NAME)
                    // the window rules need earlier messages (the Bind): a cut after them loses their alerts by design
                    && !io.smbwatch.detect.engine.DetectEngine.spansMessages(r)) l.add(r);
        }
        return l;
    }

    /**
     * An alert; {@code stream}: found in a raw stream chunk, whose start depends on where the
     * capture starts and what was lost (so such alerts are not required; a rule alerts once per
     * packet, so a packet match may show as a stream one).
     */
    record Hit(long sid, long frame, long firstFrame, int sport, int dport, boolean stream) {
        String key() {
            return sid + "@" + frame + " " + sport + ">" + dport;
        }
    }

    /** Replays the kept frames with the rules; returns the non-stream alerts and fills firstOfFlow (ports → first kept frame). */
    static List<Hit> alerts(Frames frames, java.util.function.LongPredicate keep, List<io.smbwatch.detect.rule.Rule> rules,
                            java.util.Map<String, Long> firstOfFlow) {
        List<Hit> hits = new ArrayList<>();
        io.smbwatch.detect.engine.DetectEngine e = new io.smbwatch.detect.engine.DetectEngine(rules, a -> {
            long first = a.message() != null ? a.message().firstFrame : a.frame();
            hits.add(new Hit(a.rule().sid(), a.frame(), first, a.flow().srcPort(a.direction()), a.flow().dstPort(a.direction()), a.fromStream()));
        });
        io.smbwatch.pipeline.Pipeline p = new io.smbwatch.pipeline.Pipeline(io.smbwatch.pipeline.Settings.defaults(), e);
        p.setInspector(new io.smbwatch.flow.PacketInspector() {
            @Override
            public void onTcpPacket(Flow flow, int dir, Packet pk, boolean smbFlow) {
                if (firstOfFlow != null) firstOfFlow.putIfAbsent(flow.clientPort + ">" + flow.serverPort, pk.frame.number);
                e.onTcpPacket(flow, dir, pk, smbFlow);
            }

            @Override
            public void onUdpPacket(Flow flow, int dir, Packet pk) {
                e.onUdpPacket(flow, dir, pk);
            }
        });
        for (Frame f : frames.frames) if (keep.test(f.number)) p.onFrame(f);
        p.finish();
        return hits;
    }

    static String flowKey(Hit h) {
        return h.sport() == 445 || h.sport() == 139 ? h.dport() + ">" + h.sport() : h.sport() + ">" + h.dport();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void alertsAfterACut(String capture) throws IOException {
        Shared.require();
        Frames frames = new Frames(Shared.pcap(capture));
        List<io.smbwatch.detect.rule.Rule> rules = statelessRules(capture);
        List<Hit> full = alerts(frames, n -> true, rules, null);
        Set<String> fullKeys = new HashSet<>();
        for (Hit h : full) fullKeys.add(h.key());
        full.removeIf(Hit::stream);
        if (full.isEmpty()) return;
        int count = frames.frames.size();
        TreeSet<Long> cuts = new TreeSet<>();
        for (int i = 1; i <= 30; i++) cuts.add(1 + (long) count * i / 31);
        for (Hit h : full) cuts.add(h.firstFrame());                 // a cut right at an alerting message
        List<String> problems = new ArrayList<>();
        for (long cut : cuts) {
            java.util.Map<String, Long> first = new java.util.HashMap<>();
            Set<String> got = new HashSet<>();
            for (Hit h : alerts(frames, n -> n >= cut, rules, first)) {
                got.add(h.key());
                if (!h.stream() && !fullKeys.contains(h.key())) problems.add("cut at " + cut + ": invented alert " + h.key());
            }
            for (Hit h : full) {
                Long f0 = first.get(flowKey(h));
                // the first packet of a flow picked up midstream is not "established" (as in Suricata)
                if (h.firstFrame() < cut || f0 == null || h.firstFrame() <= f0) continue;
                if (!got.contains(h.key())) problems.add("cut at " + cut + ": lost alert " + h.key());
            }
        }
        assertTrue(problems.isEmpty(), capture + ": " + problems.size() + " problems over " + cuts.size() + " cuts:\n"
                + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void alertsWithLostSegments(String capture) throws IOException {
        Shared.require();
        Frames frames = new Frames(Shared.pcap(capture));
        List<io.smbwatch.detect.rule.Rule> rules = statelessRules(capture);
        List<Hit> full = alerts(frames, n -> true, rules, null);
        Set<String> fullKeys = new HashSet<>();
        for (Hit h : full) fullKeys.add(h.key());
        full.removeIf(Hit::stream);
        if (full.isEmpty()) return;
        List<Long> dataFrames = dataFrames(frames);
        List<String> problems = new ArrayList<>();
        for (long seed : new long[] {1, 2, 3, 4, 5}) {
            Random rnd = new Random(seed);
            Set<Long> dropped = new HashSet<>();
            for (long f : dataFrames) if (rnd.nextInt(20) == 0) dropped.add(f);
            Set<String> got = new HashSet<>();
            for (Hit h : alerts(frames, n -> !dropped.contains(n), rules, null)) {
                got.add(h.key());
                if (!h.stream() && !fullKeys.contains(h.key())) problems.add("seed " + seed + ": invented alert " + h.key());
            }
            for (Hit h : full) {
                boolean touched = false;
                for (long f = h.firstFrame(); f <= h.frame(); f++) touched |= dropped.contains(f);
                if (!touched && !got.contains(h.key())) problems.add("seed " + seed + ": lost alert " + h.key());
            }
        }
        assertTrue(problems.isEmpty(), capture + ": " + problems.size() + " problems:\n"
                + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
    }

    /** A message is touched by a loss when a dropped frame lies in its span of frames. */
    private static boolean touches(SmbMessage m, Set<Long> dropped) {
        for (long f = m.firstFrame; f <= m.frame; f++) if (dropped.contains(f)) return true;
        return false;
    }

    /** Frames that carry TCP payload (the ones a loss can hit). */
    private static List<Long> dataFrames(Frames frames) {
        PacketDecoder d = new PacketDecoder();
        Packet p = new Packet();
        List<Long> l = new ArrayList<>();
        for (Frame f : frames.frames) {
            if (d.decode(f, p) == DecodeResult.TCP && p.payloadLength > 0) l.add(f.number);
        }
        return l;
    }
}
