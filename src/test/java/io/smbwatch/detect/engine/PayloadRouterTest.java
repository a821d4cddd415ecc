package io.smbwatch.detect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;
import io.smbwatch.packet.Packet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What payloads each event yields, to which group, in each payload model. */
class PayloadRouterTest {
    /** One payload as the target saw it (the view is reused, so its fields are copied). */
    record Seen(String how, int kind, int dir, int len, boolean stream, String app, long frame, boolean established, int flags,
                SmbMessage message, String bytes) {}

    static final class Recorder implements PayloadRouter.Target {
        final List<Seen> seen = new ArrayList<>();
        int packets;

        private void add(String how, PayloadView v) {
            seen.add(new Seen(how, v.kind, v.dir, v.len, v.stream, v.app, v.frame, v.established, v.tcpFlags, v.message,
                    new String(v.buf, v.off, v.len, java.nio.charset.StandardCharsets.ISO_8859_1)));
        }

        @Override public void prefiltered(PayloadView v) { add("prefiltered", v); }
        @Override public void every(PayloadView v) { add("every", v); }
        @Override public void flags(PayloadView v) { add("flags", v); }
        @Override public void nextPacket() { packets++; }
    }

    private static final String STREAM_RULE = "alert tcp any any -> any any (msg:\"s\"; content:\"evil\"; sid:1;)";
    private static final String PACKET_RULE = "alert tcp-pkt any any -> any any (msg:\"p\"; content:\"pkt\"; sid:2;)";
    private static final String PIPE_RULE = "alert smb any any -> any any (msg:\"n\"; smb.named_pipe; content:\"x\"; sid:3;)";
    private static final String FLAGS_RULE = "alert tcp any any -> any any (msg:\"f\"; flags:S; sid:4;)";

    private final EngineFixtures fx = new EngineFixtures();
    private final Recorder rec = new Recorder();

    private PayloadRouter router(DetectEngine.Payload model, String... rules) {
        return new PayloadRouter(new RuleGroups(EngineFixtures.array(rules)), rec, model);
    }

    @Test
    void smbMessageIsItsNetbiosFrameOnceAndEachMessageForSmbRules() {
        PayloadRouter r = router(DetectEngine.Payload.MESSAGE, STREAM_RULE, PIPE_RULE);
        Flow f = fx.tcpFlow(1, 40000, 445);
        SmbMessage m = EngineFixtures.message(f, Flow.TO_SERVER, SmbMessage.SMB2, 3, false, EngineFixtures.ascii("\u00feSMBbody"));
        r.onMessage(m);
        m.chainIndex = 1;                 // the next message of a compound: no second frame
        r.onMessage(m);
        assertEquals(3, rec.seen.size());
        Seen frame = rec.seen.get(0);
        assertEquals(RuleGroups.MESSAGE, frame.kind());
        assertEquals("prefiltered", frame.how());
        assertEquals(12, frame.len(), "NBSS header included");
        assertEquals("\0\0\0\u0008\u00feSMBbody", frame.bytes());
        assertEquals("smb", frame.app());
        assertSame(m, frame.message());
        assertEquals(true, frame.stream());
        assertEquals(RuleGroups.SMB_MSG, rec.seen.get(1).kind());
        assertEquals("every", rec.seen.get(1).how());
        assertEquals(RuleGroups.SMB_MSG, rec.seen.get(2).kind());
    }

    @Test
    void suricataModelInspectsNoFrames() {
        PayloadRouter r = router(DetectEngine.Payload.SURICATA, STREAM_RULE);
        Flow f = fx.tcpFlow(1, 40000, 445);
        r.onMessage(EngineFixtures.message(f, Flow.TO_SERVER, SmbMessage.SMB2, 3, false, EngineFixtures.ascii("\u00feSMB")));
        assertEquals(List.of(), rec.seen);
    }

    @Test
    void packetsOfSmbFlowsGoToThePacketOnlyGroupWithoutStream() {
        PayloadRouter r = router(DetectEngine.Payload.MESSAGE, STREAM_RULE, PACKET_RULE);
        Flow f = fx.tcpFlow(1, 40000, 445);
        r.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_ACK, new byte[3000], 1, 1), true);
        assertEquals(1, rec.seen.size());
        assertEquals(RuleGroups.PKT_ONLY, rec.seen.get(0).kind());
        assertEquals(false, rec.seen.get(0).stream());
        assertEquals(false, rec.seen.get(0).established(), "the first packet: not yet established");
        assertEquals("smb", rec.seen.get(0).app());
        assertEquals(1, rec.packets);
    }

    @Test
    void otherTcpFlowsYieldPacketsAndAckCutStreamChunks() {
        PayloadRouter r = router(DetectEngine.Payload.MESSAGE, STREAM_RULE, PACKET_RULE);
        Flow f = fx.tcpFlow(1, 40000, 8080);
        r.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_ACK, new byte[2000], 100, 1), false);
        r.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_ACK, new byte[2000], 2100, 1), false);
        assertEquals(2, rec.seen.size(), "two packets, no chunk before the peer ACKs");
        assertEquals(RuleGroups.PACKET, rec.seen.get(1).kind());
        r.onTcpPacket(f, Flow.TO_CLIENT, fx.packet(f, Flow.TO_CLIENT, Packet.TCP_ACK, new byte[0], 1, 4100), false);
        r.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_ACK, new byte[10], 4100, 1), false);
        Seen chunk = rec.seen.get(2);
        assertEquals(RuleGroups.STREAM, chunk.kind());
        assertEquals(4000, chunk.len(), "what the peer acknowledged");
        assertEquals(true, chunk.stream());
        assertNull(chunk.message());
        assertEquals(RuleGroups.PACKET, rec.seen.get(3).kind());
        r.onFlowEnd(f);
        Seen rest = rec.seen.get(4);
        assertEquals(RuleGroups.STREAM, rest.kind());
        assertEquals(10, rest.len());
        assertEquals(0, rest.frame(), "end-of-flow chunk: no frame");
        assertNull(f.detect, "state dropped with the flow");
        assertEquals(5, rec.packets, "four packets and one end-of-flow chunk");
    }

    @Test
    void resetFlushesTheWholeWindow() {
        PayloadRouter r = router(DetectEngine.Payload.MESSAGE, STREAM_RULE);
        Flow f = fx.tcpFlow(1, 40000, 8080);
        r.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_ACK, new byte[50], 100, 1), false);
        r.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_RST | Packet.TCP_ACK, new byte[5], 150, 1), false);
        List<Seen> chunks = rec.seen.stream().filter(x -> x.kind() == RuleGroups.STREAM).toList();
        assertEquals(1, chunks.size(), "the first packet came before the flow was established");
        assertEquals(55, chunks.get(0).len());
        assertEquals(3, rec.seen.size(), "and both packets, for the statistics even with no packet rule");
    }

    @Test
    void flagsRulesSeeEveryTcpPacketWithItsFlags() {
        PayloadRouter r = router(DetectEngine.Payload.MESSAGE, FLAGS_RULE);
        Flow f = fx.tcpFlow(1, 40000, 8080);
        r.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_SYN, new byte[0], 1, 0), false);
        assertEquals(1, rec.seen.size());
        assertEquals("flags", rec.seen.get(0).how());
        assertEquals(Packet.TCP_SYN, rec.seen.get(0).flags());
    }

    @Test
    void datagramsGoToTheUdpGroupAndEmptyOnesNowhere() {
        PayloadRouter r = router(DetectEngine.Payload.MESSAGE, "alert udp any any -> any any (msg:\"u\"; content:\"u\"; sid:9;)");
        Flow f = fx.udpFlow(1, 5000, 53);
        r.onUdpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, 0, new byte[0], 0, 0));
        r.onUdpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, 0, EngineFixtures.ascii("uu"), 0, 0));
        assertEquals(1, rec.seen.size());
        assertEquals(RuleGroups.UDP, rec.seen.get(0).kind());
        assertEquals(-1, rec.seen.get(0).flags());
        assertNull(rec.seen.get(0).app());
        assertEquals(1, rec.packets, "a datagram is a packet (one alert per rule each)");
    }

    @Test
    void dcerpcOverTcpYieldsItsStubToSmbRules() {
        PayloadRouter r = router(DetectEngine.Payload.MESSAGE,
                "alert dcerpc any any -> any any (msg:\"stub\"; dcerpc.stub_data; content:\"AB\"; sid:5;)");
        Flow f = fx.tcpFlow(1, 40000, 135);
        SmbMessage pdu = new SmbMessage();
        pdu.flow = f;
        pdu.direction = Flow.TO_SERVER;
        pdu.fields.add("dcerpc.transport", "tcp").add("dcerpc.pkt_type", 0L).add("dcerpc.opnum", 4L);
        pdu.stub = EngineFixtures.ascii("xxABxx");
        pdu.stubLen = 4;
        r.onMessage(pdu);
        SmbMessage bind = new SmbMessage();
        bind.flow = f;
        bind.fields.add("dcerpc.transport", "tcp").add("dcerpc.pkt_type", 11L);
        r.onMessage(bind);
        assertEquals(1, rec.seen.size(), "a bind is no call");
        assertEquals("xxAB", rec.seen.get(0).bytes());
        assertEquals("dcerpc", rec.seen.get(0).app());
    }

    @Test
    void dcerpcCallEndsOnWholePdusOfTheDirectionsCallType() {
        byte[] req = new byte[24];
        req[0] = 5;
        req[2] = 0;
        req[4] = 0x10;
        req[8] = 24;
        Packet p = fx.packet(fx.tcpFlow(1, 40000, 135), Flow.TO_SERVER, Packet.TCP_ACK, req, 1, 1);
        assertEquals(true, PayloadRouter.dcerpcCallEnds(p, Flow.TO_SERVER));
        assertEquals(false, PayloadRouter.dcerpcCallEnds(p, Flow.TO_CLIENT), "a request does not end a response");
        p.payloadLength = 20;
        assertEquals(false, PayloadRouter.dcerpcCallEnds(p, Flow.TO_SERVER), "a partial PDU");
    }

    @Test
    void packetsAndChunksNameTheProtocolThePipelineDecided() {
        PayloadRouter r = router(DetectEngine.Payload.MESSAGE, STREAM_RULE, PACKET_RULE);
        Flow f = fx.tcpFlow(1, 40000, 8080);
        r.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_ACK, new byte[4], 1, 1), false);
        assertNull(rec.seen.get(0).app(), "undecided");
        f.appProto = io.smbwatch.flow.AppProto.DCERPC;
        r.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_ACK, new byte[4], 5, 1), false);
        assertEquals("dcerpc", rec.seen.get(1).app());
        f.appProto = io.smbwatch.flow.AppProto.OTHER;
        r.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_ACK, new byte[4], 9, 1), false);
        assertNull(rec.seen.get(2).app());
    }

    @Test
    void aStreamStartingLikeDcerpcIsDcerpcOnTheSmbPortsToo() {
        PayloadRouter r = router(DetectEngine.Payload.MESSAGE, PACKET_RULE);
        Flow f = fx.tcpFlow(1, 40000, 445);
        r.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_ACK, new byte[] {5, 0, 0, 3}, 1, 1), false);
        r.onTcpPacket(f, Flow.TO_SERVER, fx.packet(f, Flow.TO_SERVER, Packet.TCP_ACK, new byte[] {0, 0, 0, 3}, 5, 1), false);
        assertEquals("dcerpc", rec.seen.get(0).app());
        assertEquals("dcerpc", rec.seen.get(1).app(), "the first payload decides");
    }
}
