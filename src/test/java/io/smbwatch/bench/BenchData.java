package io.smbwatch.bench;

import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.capture.Frame;
import io.smbwatch.detect.rule.Classifications;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.detect.rule.RuleSet;
import io.smbwatch.detect.rule.RuleVars;
import io.smbwatch.packet.DecodeResult;
import io.smbwatch.packet.Packet;
import io.smbwatch.packet.PacketDecoder;
import io.smbwatch.stats.Anomalies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs shared by the JMH benchmarks: sample captures (paths relative to the repository root,
 * which scripts/jmh.sh makes the working directory) and the shared et-smb.rules.
 */
public final class BenchData {
    private BenchData() {}

    /** A file of the repository, e.g. "samples/smb-sample.pcap". */
    public static Path repoFile(String rel) {
        Path p = Path.of(System.getProperty("smbwatch.root", ".")).resolve(rel);
        if (!Files.isRegularFile(p)) throw new IllegalStateException(p.toAbsolutePath() + " not found: run from the repository root");
        return p;
    }

    /** Every record of a capture, each copied into its own array (the reader reuses its buffer). */
    public static Frame[] frames(Path capture) {
        List<Frame> out = new ArrayList<>();
        try (CaptureReader r = Captures.open(capture.toString(), new Anomalies())) {
            Frame f = new Frame();
            while (r.next(f)) {
                Frame c = Frame.copy(f);
                out.add(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArray(new Frame[0]);
    }

    /** The TCP payloads of the frames, concatenated and repeated up to {@code size} bytes. */
    public static byte[] tcpPayloads(Frame[] frames, int size) {
        PacketDecoder d = new PacketDecoder();
        Packet p = new Packet();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (Frame f : frames) {
            if (d.decode(f, p) == DecodeResult.TCP && p.payloadLength > 0) all.write(p.data, p.payloadOffset, p.payloadLength);
        }
        byte[] once = all.toByteArray();
        if (once.length == 0) throw new IllegalStateException("no TCP payload");
        byte[] out = new byte[size];
        for (int i = 0; i < size; i += once.length) System.arraycopy(once, 0, out, i, Math.min(once.length, size - i));
        return out;
    }

    /**
     * et-smb.rules under $SMBWATCH_SHARED when set (as corpus.Shared), else ../shared or
     * /work/shared; null when it is not there.
     */
    public static Path etSmbRules() {
        String env = System.getenv("SMBWATCH_SHARED");
        List<Path> roots = env != null ? List.of(Path.of(env)) : List.of(Path.of("..", "shared"), Path.of("/work/shared"));
        for (Path r : roots) {
            Path f = r.resolve("rules/et-smb.rules");
            if (Files.isRegularFile(f)) return f.toAbsolutePath().normalize();
        }
        return null;
    }

    /**
     * Stand-in rules for a clone without the shared corpus: a few rules in the style of the ET SMB
     * set (payload contents with and without offsets, an SMB sticky buffer), so the benchmarks still run.
     */
    static final String FALLBACK_RULES = String.join("\n",
            "alert tcp any any -> any 445 (msg:\"bench SMB1 negotiate\"; flow:to_server,established; content:\"|FF|SMB|72|\"; offset:4; depth:5; sid:9000001; rev:1;)",
            "alert tcp any any -> any 445 (msg:\"bench SMB2 create exe\"; flow:to_server,established; content:\"|FE|SMB\"; content:\".|00|e|00|x|00|e|00|\"; nocase; distance:0; sid:9000002; rev:1;)",
            "alert tcp any any -> any 445 (msg:\"bench IPC$\"; flow:to_server,established; content:\"I|00|P|00|C|00|$|00|\"; nocase; sid:9000003; rev:1;)",
            "alert tcp any any -> any 445 (msg:\"bench ADMIN$\"; flow:to_server,established; content:\"A|00|D|00|M|00|I|00|N|00|$|00|\"; nocase; sid:9000004; rev:1;)",
            "alert tcp any any -> any 445 (msg:\"bench svcctl\"; flow:to_server,established; content:\"s|00|v|00|c|00|c|00|t|00|l|00|\"; nocase; sid:9000005; rev:1;)",
            "alert tcp any 445 -> any any (msg:\"bench NTLMSSP challenge\"; flow:to_client,established; content:\"NTLMSSP|00 02 00 00 00|\"; sid:9000006; rev:1;)",
            "alert smb any any -> any any (msg:\"bench named pipe\"; flow:to_server,established; smb.named_pipe; content:\"lsarpc\"; nocase; sid:9000007; rev:1;)",
            "");

    /**
     * et-smb.rules if present, else {@link #FALLBACK_RULES}; says which on stderr. HOME_NET holds
     * 127.0.0.0/8 (as samples/expected/rules-sample-suricata.yaml): the samples are loopback
     * captures, and with Suricata's default HOME_NET the $HOME_NET rules would never get past
     * their header, understating the cost of evaluation.
     */
    public static List<Rule> rules() {
        Path f = etSmbRules();
        RuleVars vars = RuleVars.defaults().setAddress("HOME_NET", "[127.0.0.0/8,192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]");
        RuleSet rs = new RuleSet(vars, Classifications.defaults());
        try {
            if (f != null) rs.load(f);
            else rs.load(FALLBACK_RULES, "bench-fallback.rules");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.err.println("rules: " + rs.rules().size() + " from " + (f != null ? f : "the built-in fallback (no et-smb.rules found)")
                + (rs.skipped().isEmpty() ? "" : ", skipped " + rs.skipped().size()));
        return rs.rules();
    }

    /** A channel over a byte array: a capture read from memory, without the 8 KiB chunks of Channels.newChannel. */
    public static final class ArrayChannel implements ReadableByteChannel {
        private final byte[] b;
        private int pos;
        private boolean open = true;

        public ArrayChannel(byte[] b) {
            this.b = b;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (pos == b.length) return -1;
            int n = Math.min(dst.remaining(), b.length - pos);
            dst.put(b, pos, n);
            pos += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
