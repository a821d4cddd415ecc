package io.smbwatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.flow.AppProto;
import io.smbwatch.flow.Flow;
import io.smbwatch.flow.PacketInspector;
import io.smbwatch.packet.Packet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The application protocol the pipeline decides once per flow, as inspection and the flow's end see it. */
class AppProtoTest {
    /** Per flow: the protocol inspection saw on each of its packets, and whether it carried SMB or DCERPC messages. */
    static final class Seen implements PacketInspector, MessageListener {
        final Map<Flow, List<AppProto>> packets = new IdentityHashMap<>();
        final Map<Flow, AppProto> atEnd = new IdentityHashMap<>();
        final Map<Flow, Boolean> smbMessages = new IdentityHashMap<>();
        final Map<Flow, Boolean> smbBefore = new IdentityHashMap<>();

        @Override
        public void onTcpPacket(Flow flow, int dir, Packet p, boolean smbFlow) {
            packets.computeIfAbsent(flow, f -> new ArrayList<>()).add(flow.appProto);
            if (smbFlow) smbBefore.put(flow, true);
        }

        @Override
        public void onUdpPacket(Flow flow, int dir, Packet p) {
            packets.computeIfAbsent(flow, f -> new ArrayList<>()).add(flow.appProto);
        }

        @Override
        public void onMessage(SmbMessage m) {
            if (m.flow != null) smbMessages.merge(m.flow, m.payload != null, Boolean::logicalOr);
        }

        @Override
        public void onFlowEnd(Flow flow) {
            atEnd.put(flow, flow.appProto);
        }
    }

    static Seen run(Path capture) throws IOException {
        Assumptions.assumeTrue(Files.exists(capture), capture + " not present");
        Seen seen = new Seen();
        Pipeline p = new Pipeline(Settings.defaults(), seen);
        p.setInspector(seen);
        try (CaptureReader r = Captures.open(capture.toString(), p.anomalies())) {
            p.run(r);
        }
        return seen;
    }

    /** Once decided, a flow's protocol never changes; UNKNOWN only before the first decision. */
    static void decidedOnce(Seen seen) {
        for (Map.Entry<Flow, List<AppProto>> e : seen.packets.entrySet()) {
            List<AppProto> l = e.getValue();
            AppProto last = AppProto.UNKNOWN;
            for (AppProto a : l) {
                if (last != AppProto.UNKNOWN) assertEquals(last, a, "protocol changed on " + e.getKey());
                last = a;
            }
        }
    }

    static boolean smbPort(Flow f) {
        return f.serverPort == 445 || f.serverPort == 139 || f.clientPort == 445 || f.clientPort == 139;
    }

    @Test
    void smbConnectionsAreSmbFromTheirFirstPacket() throws IOException {
        Seen seen = run(Path.of("samples/smb-sample.pcap"));
        decidedOnce(seen);
        int smb = 0;
        for (Map.Entry<Flow, List<AppProto>> e : seen.packets.entrySet()) {
            Flow f = e.getKey();
            if (f.protocol != 6 || !smbPort(f)) continue;
            smb++;
            assertEquals(AppProto.SMB, e.getValue().get(0), "first packet of " + f);
            assertEquals(AppProto.SMB, seen.atEnd.get(f), "at the end of " + f);
            assertTrue(seen.smbBefore.containsKey(f));
        }
        assertTrue(smb > 0, "the sample has SMB connections");
        for (Flow f : seen.smbMessages.keySet()) assertEquals(AppProto.SMB, f.appProto, "messages on " + f);
    }

    @Test
    void dcerpcOverTcpIsDecidedByPortOrHeader() throws IOException {
        Seen seen = run(Path.of("../shared/pcaps/suricata-verify/tests/dcerpc/zerologon/input.pcap"));
        decidedOnce(seen);
        int rpc = 0, byHeader = 0;
        for (Map.Entry<Flow, List<AppProto>> e : seen.packets.entrySet()) {
            Flow f = e.getKey();
            if (f.protocol != 6 || smbPort(f)) continue;
            AppProto end = seen.atEnd.get(f);
            if (f.serverPort == 135) assertEquals(AppProto.DCERPC, e.getValue().get(0), "first packet of " + f);
            if (end == AppProto.DCERPC) {
                rpc++;
                if (f.serverPort != 135) {
                    byHeader++;
                    assertEquals(AppProto.UNKNOWN, e.getValue().get(0), "the SYN of " + f + " decides nothing");
                }
            }
            assertFalse(seen.smbBefore.containsKey(f), "no SMB on " + f);
        }
        assertTrue(rpc > 0 && byHeader > 0, "DCERPC flows: " + rpc + ", off port 135: " + byHeader);
    }

    @Test
    void otherTcpIsOtherOnceItCarriesPayload() throws IOException {
        Seen seen = run(Path.of("samples/scan-sample.pcap"));
        decidedOnce(seen);
        for (Map.Entry<Flow, List<AppProto>> e : seen.packets.entrySet()) {
            Flow f = e.getKey();
            AppProto end = e.getValue().get(e.getValue().size() - 1);
            if (f.protocol == 17 && f.serverPort != 138 && f.clientPort != 138) assertEquals(AppProto.OTHER, end, f.toString());
            if (f.protocol != 6 || smbPort(f) || f.serverPort == 135 || f.clientPort == 135) continue;
            // an undecided flow (no payload yet) is not handed to the outputs' flow end
            if (end == AppProto.UNKNOWN) assertFalse(seen.atEnd.containsKey(f), f.toString());
            else assertNotEquals(AppProto.SMB, end, f.toString());
        }
    }
}
