package io.smbwatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.corpus.Run;
import io.smbwatch.corpus.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Large file reads and writes handed on as their head when nobody reads file data
 * ({@link Settings#withoutFileData}) give the same messages (frame, time, fields, truncation)
 * and the same statistics as when they are kept whole.
 */
class ElisionTest {
    static Stream<String> captures() throws IOException {
        return Shared.captures().stream();
    }

    static List<String> summary(Run r) {
        List<String> l = new ArrayList<>();
        for (SmbMessage m : r.messages) {
            l.add(m.frame + " " + m.firstFrame + " " + m.tsSeconds + "." + m.tsNanos + " " + m.direction + " " + m.protocol + " "
                    + m.command + " " + m.response + " " + m.status + " " + m.truncated + " " + m.info + " " + m.tree + " "
                    + m.file + " " + m.fid + " " + fields(m));
        }
        return l;
    }

    static String fields(SmbMessage m) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < m.fields.size(); i++) {
            Object v = m.fields.value(i);
            sb.append(m.fields.name(i)).append('=').append(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v).append(',');
        }
        return sb.append('}').toString();
    }

    /** The first message that differs, not thousands of them. */
    static void assertSame(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) assertEquals(a.get(i), b.get(i), "message " + i);
        assertEquals(a.size(), b.size(), "messages");
    }

    static void compare(Path pcap) throws IOException {
        Run whole = new Run(pcap), heads = new Run(pcap, Settings.defaults().withoutFileData());
        assertSame(summary(whole), summary(heads));
        assertEquals(whole.pipeline.stats().toMap().toString(), heads.pipeline.stats().toMap().toString(), "statistics");
        assertEquals(whole.pipeline.anomalies().kept(), heads.pipeline.anomalies().kept(), "anomalies");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameMessagesAndStatisticsOnEveryCapture(String capture) throws IOException {
        Shared.require(capture);
        compare(Shared.pcap(capture));
    }

    /** Zeek's SMB3 multichannel trace has large file reads: the comparison above does cover elided messages. */
    @Test
    void aSharedCaptureWithElidedMessages() throws IOException {
        String capture = "zeek/testing/btest/Traces/smb/smb3_multichannel.pcap";
        Shared.require(capture);
        Run heads = new Run(Shared.pcap(capture), Settings.defaults().withoutFileData());
        assertTrue(heads.pipeline.stats().bodiesElided > 0, "nothing elided");
        compare(Shared.pcap(capture));
    }

    /** The benchmark capture, when made: its 8 MiB writes and reads of files are elided. */
    @Test
    void benchmarkCapture() throws IOException {
        Path pcap = Path.of("bench-data/smb-bench.pcap");
        Assumptions.assumeTrue(Files.exists(pcap), "no bench-data/smb-bench.pcap (make it with scripts/make-bench-capture.sh)");
        compare(pcap);
        Run heads = new Run(pcap, Settings.defaults().withoutFileData());
        assertTrue(heads.pipeline.stats().bodiesElided > 100, "elided: " + heads.pipeline.stats().bodiesElided);
        assertEquals(0, new Run(pcap).pipeline.stats().bodiesElided, "elided while file data is kept");
    }
}
