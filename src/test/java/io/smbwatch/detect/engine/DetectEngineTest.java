package io.smbwatch.detect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;
import io.smbwatch.packet.Packet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine as the pipeline drives it: hand-built rules, packets and messages in, alerts out. */
class DetectEngineTest {
    private final EngineFixtures fx = new EngineFixtures();
    private final List<Alert> alerts = new ArrayList<>();

    @Test
    void everyMatchingDatagramAlertsWithoutTcpPacketsBetween() {
        DetectEngine e = new DetectEngine(EngineFixtures.rules(
                "alert udp any any -> any any (msg:\"u\"; content:\"hello\"; sid:1;)"), alerts::add);
        Flow f = fx.udpFlow(1, 5000, 53);
        for (int i = 0; i < 3; i++) e.onUdpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, 0, EngineFixtures.ascii("hello"), 0, 0));
        assertEquals(3, alerts.size());
        assertEquals(3, e.payloads());
        assertEquals(3, e.alerts());
    }

    @Test
    void passRulesGoFirstWhateverTheFileOrder() {
        DetectEngine e = new DetectEngine(EngineFixtures.rules(
                "alert tcp-pkt any any -> any any (msg:\"x\"; content:\"x\"; sid:1;)",
                "pass tcp-pkt any any -> any any (msg:\"ok\"; content:\"safe\"; sid:2;)"), alerts::add);
        Flow f = fx.tcpFlow(1, 40000, 8080);
        e.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_ACK, EngineFixtures.ascii("safe x"), 1, 1), false);
        assertEquals(0, alerts.size());
        e.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_ACK, EngineFixtures.ascii("x"), 7, 1), false);
        assertEquals(1, alerts.size());
        assertEquals(2, e.rules());
    }

    @Test
    void smbRulesSeeEachMessageAndItsStickyBuffers() {
        DetectEngine e = new DetectEngine(EngineFixtures.rules(
                "alert smb any any -> any any (msg:\"pipe\"; flow:to_server; smb.named_pipe; content:\"IPC$\"; nocase; sid:1;)",
                "alert tcp any any -> any 445 (msg:\"frame\"; content:\"|fe|SMB\"; offset:4; depth:4; sid:2;)"), alerts::add);
        Flow f = fx.tcpFlow(1, 40000, 445);
        byte[] smb = new byte[64];
        smb[0] = (byte) 0xfe;
        smb[1] = 'S';
        smb[2] = 'M';
        smb[3] = 'B';
        SmbMessage m = EngineFixtures.message(f, Flow.TO_SERVER, SmbMessage.SMB2, 3, false, smb);
        m.tree = "\\\\srv\\ipc$";
        e.onMessage(m);
        List<Long> sids = new ArrayList<>();
        for (Alert a : alerts) sids.add(a.rule().sid());
        assertEquals(List.of(2L, 1L), sids, "the frame first, then the message's rules");
        assertEquals("smb", alerts.get(1).appProto());
        assertEquals(m, alerts.get(1).message());
    }
}
