package io.smbwatch.detect.engine;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.capture.Frame;
import io.smbwatch.detect.rule.Classifications;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.detect.rule.RuleSet;
import io.smbwatch.detect.rule.RuleVars;
import io.smbwatch.flow.AppProto;
import io.smbwatch.flow.Flow;
import io.smbwatch.flow.FlowTable;
import io.smbwatch.packet.Packet;
import java.util.List;

/** Hand-built rules, flows, packets and SMB messages for the engine's unit tests. */
final class EngineFixtures {
    private final FlowTable table = new FlowTable(100, 600, 5, (f, r) -> { });
    private long frame;

    static List<Rule> rules(String... lines) {
        RuleSet rs = new RuleSet(RuleVars.defaults(), Classifications.defaults()).load(String.join("\n", lines), "t.rules");
        if (!rs.skipped().isEmpty()) throw new IllegalArgumentException(rs.skipped().toString());
        return rs.rules();
    }

    static Rule[] array(String... lines) {
        return rules(lines).toArray(new Rule[0]);
    }

    /** A TCP flow from 10.0.0.client:clientPort to 10.0.0.255:serverPort, made by its first (client) packet. */
    Flow tcpFlow(int client, int clientPort, int serverPort) {
        Flow f = table.lookup(tcp(client, clientPort, serverPort, true, Packet.TCP_SYN, new byte[0], 0, 0));
        // as the pipeline decides it from the ports (flows off them stay undecided here)
        if (serverPort == 445 || serverPort == 139) f.appProto = AppProto.SMB;
        if (serverPort == 135) f.appProto = AppProto.DCERPC;
        return f;
    }

    Flow udpFlow(int client, int clientPort, int serverPort) {
        Packet p = tcp(client, clientPort, serverPort, true, 0, new byte[0], 0, 0);
        p.protocol = Packet.PROTO_UDP;
        return table.lookup(p);
    }

    /** A packet of flow f in direction dir (ports and addresses from the flow). */
    Packet packet(Flow f, int dir, int flags, byte[] payload, long seq, long ack) {
        Packet p = tcp((int) (f.clientLo & 0xff), f.clientPort, f.serverPort, dir == Flow.TO_SERVER, flags, payload, seq, ack);
        p.protocol = f.protocol;
        return p;
    }

    private Packet tcp(int client, int cport, int sport, boolean toServer, int flags, byte[] payload, long seq, long ack) {
        Packet p = new Packet();
        p.frame = new Frame();
        p.frame.number = ++frame;
        p.frame.tsSeconds = 1000 + frame;
        p.ipVersion = 4;
        p.protocol = Packet.PROTO_TCP;
        long c = 0x0a000000L + client, s = 0x0a0000ffL;
        p.srcLo = toServer ? c : s;
        p.dstLo = toServer ? s : c;
        p.srcPort = toServer ? cport : sport;
        p.dstPort = toServer ? sport : cport;
        p.tcpFlags = flags;
        p.seq = seq;
        p.ack = ack;
        p.data = payload;
        p.payloadOffset = 0;
        p.payloadLength = payload.length;
        return p;
    }

    /** An SMB message of flow f whose payload (after a 4-byte NBSS header) is smb. */
    static SmbMessage message(Flow f, int dir, String protocol, int command, boolean response, byte[] smb) {
        SmbMessage m = new SmbMessage();
        m.flow = f;
        m.direction = dir;
        m.protocol = protocol;
        m.command = command;
        m.response = response;
        byte[] frame = new byte[smb.length + 4];
        frame[3] = (byte) smb.length;
        frame[2] = (byte) (smb.length >> 8);
        System.arraycopy(smb, 0, frame, 4, smb.length);
        m.payload = frame;
        m.payloadOff = 4;
        m.payloadLen = smb.length;
        m.headerOff = 4;
        m.frame = 7;
        return m;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
