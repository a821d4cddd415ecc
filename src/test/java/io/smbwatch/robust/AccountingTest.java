package io.smbwatch.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smbwatch.corpus.Run;
import io.smbwatch.corpus.Shared;
import io.smbwatch.flow.FlowTable;
import io.smbwatch.packet.DecodeResult;
import io.smbwatch.stats.Stats;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Nothing is lost silently: the statistics' identities hold on every capture. */
class AccountingTest {
    static Stream<String> captures() throws IOException {
        return Shared.captures().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyPacketAndByteIsAccountedFor(String capture) throws IOException {
        Shared.require(capture);
        Stats s = new Run(Shared.pcap(capture)).pipeline.stats();
        long decoded = 0;
        for (DecodeResult r : DecodeResult.values()) decoded += s.decoded(r);
        assertEquals(s.frames, decoded, "packets = sum of decode outcomes");
        assertEquals(s.decoded(DecodeResult.TCP), s.tcpSmb + s.tcpDcerpc + s.tcpNotSmb, "TCP packets = SMB + DCERPC flows' + others'");
        assertEquals(s.decoded(DecodeResult.UDP), s.udpSmb + s.udpOther, "UDP packets = NetBIOS datagrams + others");
        assertEquals(s.streamSeen, s.delivered + s.retransmitted, "stream bytes seen = delivered + dropped old copies");
        long ended = 0;
        for (FlowTable.EndReason r : FlowTable.EndReason.values()) ended += s.flowsEnded.get(r);
        assertEquals(s.flows, ended, "every flow ended and was flushed");
    }
}
