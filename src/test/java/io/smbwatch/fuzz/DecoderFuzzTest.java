package io.smbwatch.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.smbwatch.app.smb.SmbConnection;
import io.smbwatch.stats.SmbCounters;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.smb2.Smb2Shared;
import io.smbwatch.capture.CaptureFormatException;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.capture.Frame;
import io.smbwatch.detect.rule.Classifications;
import io.smbwatch.detect.rule.RuleException;
import io.smbwatch.detect.rule.RuleParser;
import io.smbwatch.detect.rule.RuleVars;
import io.smbwatch.filter.DisplayFilter;
import io.smbwatch.filter.FilterException;
import io.smbwatch.packet.DecodeResult;
import io.smbwatch.packet.FrameBuilder;
import io.smbwatch.packet.Packet;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import io.smbwatch.stats.Stats;
import io.smbwatch.proto.auth.Ntlmssp;
import io.smbwatch.proto.auth.NtlmsspMessage;
import io.smbwatch.proto.nbss.NbssFramer;
import io.smbwatch.proto.nbss.NbssListener;
import io.smbwatch.stats.Anomalies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz targets for every decoder that reads untrusted bytes. In the normal test run (no
 * JAZZER_FUZZ) each target replays its seed corpus and the crashers found so far
 * (src/test/resources/io/smbwatch/fuzz/DecoderFuzzTestInputs/&lt;target&gt;/); scripts/fuzz.sh runs
 * them for N minutes each. Each target checks invariants, not only "no exception".
 */
class DecoderFuzzTest {
    /** Capture readers: every record lies inside the buffer; bad input is a format error or an anomaly. */
    @FuzzTest(maxDuration = "30s")
    void captureReaders(byte[] data) throws IOException {
        Anomalies anomalies = new Anomalies();
        try (CaptureReader r = Captures.open(Channels.newChannel(new ByteArrayInputStream(data)), anomalies)) {
            Frame f = new Frame();
            long n = 0;
            while (r.next(f) && n < 100_000) {
                n++;
                assertTrue(f.offset >= 0 && f.capLen >= 0 && f.offset + f.capLen <= f.data.length, "record inside the buffer");
                assertEquals(n, f.number);
            }
            assertTrue(r.position() <= data.length + 1L << 20, "position stays within what was read");
        } catch (CaptureFormatException e) {
            // not a capture: a clear error, as the CLI reports it
        }
    }

    /** The whole pipeline on one TCP connection carrying the bytes as an SMB stream, split into segments. */
    @FuzzTest(maxDuration = "30s")
    void smbStream(byte[] data) {
        List<SmbMessage> out = new ArrayList<>();
        Pipeline p = new Pipeline(Settings.defaults(), out::add);
        long seq = 1;
        int frame = 0;
        p.onFrame(number(FrameBuilder.tcp("10.0.0.1", 5000, "10.0.0.2", 445).seq(0).flags(Packet.TCP_SYN).frame(), ++frame));
        for (int off = 0; off < data.length; ) {
            int len = Math.min(data.length - off, 1 + (data[off] & 0x3ff));
            byte[] seg = java.util.Arrays.copyOfRange(data, off, off + len);
            p.onFrame(number(FrameBuilder.tcp("10.0.0.1", 5000, "10.0.0.2", 445).seq(seq).flags(Packet.TCP_ACK).payload(seg).frame(), ++frame));
            seq += len;
            off += len;
        }
        p.finish();
        Stats s = p.stats();
        assertEquals(s.frames, s.decoded(DecodeResult.TCP));
        assertEquals(s.streamSeen, s.delivered + s.retransmitted);
        for (SmbMessage m : out) assertTrue(m.frame >= m.firstFrame && m.frame <= frame);
    }

    private static Frame number(Frame f, long n) {
        f.number = n;
        return f;
    }

    /** SMB1/SMB2 dissection of one payload: bodies lie inside the payload; never an exception. */
    @FuzzTest(maxDuration = "30s")
    void smbMessage(byte[] data) {
        List<SmbMessage> out = new ArrayList<>();
        SmbConnection c = new SmbConnection(null, m -> {
            assertTrue(m.payloadOff <= m.headerOff || m.headerOff == 0);
            assertTrue(m.bodyEnd <= m.payloadOff + m.payloadLen, "body inside the payload");
            out.add(m);
        }, new Anomalies(), new SmbCounters(), new Smb2Shared());
        c.dissect(0, data, 0, data.length, false, 1);
        c.dissect(1, data, 0, data.length, false, 2);
        assertTrue(out.size() <= 2 * 64, "compounds and chains are capped");
    }

    /**
     * DCERPC over TCP, both directions: PDU parsing, fragment reassembly, bind tracking and the NDR
     * decoding of the calls' arguments. Records of [control byte][1 + 12n bytes], the control
     * byte's top bit the direction (scripts/make-dcerpc-fuzz-seeds.sh makes seeds that way from
     * real captures). Held bytes stay bounded; every message is a DCERPC one of a valid frame.
     */
    @FuzzTest(maxDuration = "30s")
    void dcerpcStream(byte[] data) {
        List<SmbMessage> out = new ArrayList<>();
        io.smbwatch.app.dcerpc.DcerpcTcpConnection c = new io.smbwatch.app.dcerpc.DcerpcTcpConnection(null, out::add,
                new Anomalies(), new SmbCounters());
        int frame = 0;
        for (int i = 0; i < data.length; ) {
            int ctl = data[i++] & 0xff;
            int len = Math.min(data.length - i, 1 + (ctl & 0x7f) * 12);
            c.onData(ctl >>> 7, data, i, len, ++frame);
            i += len;
            if (ctl == 0x7f) c.onGap(0);   // now and then a lost segment
        }
        for (int d = 0; d < 2; d++) assertTrue(c.held(d) <= data.length, "held bytes come from the input");
        for (SmbMessage m : out) assertTrue(m.frame >= 1 && m.frame <= frame && m.fields.has("dcerpc.pkt_type"), "a DCERPC PDU of a given frame");
    }

    /** NBSS framing: never more bytes in messages than were given, never an exception. */
    @FuzzTest(maxDuration = "30s")
    void nbssFraming(byte[] data) {
        long[] total = {0};
        NbssListener l = new NbssListener() {
            public void onSessionMessage(byte[] b, int off, int len, boolean truncated, long firstFrame, long frame) {
                assertTrue(off >= 0 && len >= 0 && off + len <= b.length);
                total[0] += len;
            }
            public void onControl(int type, byte[] b, int off, int len, long frame) { }
            public void onMessageLost(long frame) { }
            public void onDesync(String why, long frame) { }
            public void onResync(long skipped, long frame) { }
        };
        NbssFramer f = new NbssFramer(l, data.length > 0 && (data[0] & 1) == 0, 1 << 20);
        for (int off = 0; off < data.length; off += 7) f.onData(data, off, Math.min(7, data.length - off), off);
        assertTrue(total[0] <= data.length);
    }

    /** NTLMSSP: strings bounded, never an exception. */
    @FuzzTest(maxDuration = "30s")
    void ntlmssp(byte[] data) {
        int at = Ntlmssp.find(data, 0, data.length);
        if (at < 0) return;
        NtlmsspMessage m = Ntlmssp.parse(data, at, data.length - at);
        if (m != null) assertTrue(m.user().length() <= 1024 && m.domain().length() <= 1024);
    }

    /**
     * Rule parser: a rule either loads or is refused with a reason. The pcre option is kept out:
     * compiling a rule's own regex is what a rule engine is for, and Jazzer's regex-injection
     * sanitizer reports every invalid one even though the parser catches it and skips the rule
     * (the first finding of this target; its input stays as a regression case). Pcre translation
     * has its own tests.
     */
    @FuzzTest(maxDuration = "30s")
    void ruleParser(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1).replace("pcre", "pcrX");
        try {
            new RuleParser(RuleVars.defaults(), Classifications.defaults()).parse(text, "fuzz.rules", 1);
        } catch (RuleException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), "a reason");
        }
    }

    /**
     * Display filter: compiles or is refused with a column. As for rules, the user's own regex
     * ({@code matches}, {@code ~}) is left out: an invalid one is a reported user error, which
     * Jazzer's regex-injection sanitizer flags anyway (this target's first finding, kept as input).
     */
    @FuzzTest(maxDuration = "30s")
    void displayFilter(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8).replace("matches", "contains").replace('~', '=');
        try {
            DisplayFilter.compile(text);
        } catch (FilterException e) {
            assertTrue(e.column() >= 0 && e.column() <= text.length() + 1, "the error points into the expression");
        }
    }
}
