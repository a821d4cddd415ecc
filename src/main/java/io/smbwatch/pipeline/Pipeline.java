package io.smbwatch.pipeline;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.smb.SmbConnection;
import io.smbwatch.stats.SmbCounters;
import io.smbwatch.app.dcerpc.DcerpcTcpConnection;
import io.smbwatch.proto.dcerpc.DcerpcParser;
import io.smbwatch.app.smb2.Smb2Shared;
import io.smbwatch.config.Limit;
import io.smbwatch.config.Limits;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Frame;
import io.smbwatch.flow.AppProto;
import io.smbwatch.flow.Flow;
import io.smbwatch.flow.FlowTable;
import io.smbwatch.flow.PacketInspector;
import io.smbwatch.packet.DecodeResult;
import io.smbwatch.packet.Packet;
import io.smbwatch.packet.Ipv4Defragmenter;
import io.smbwatch.packet.PacketDecoder;
import io.smbwatch.proto.nbss.NetbiosDatagram;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.stats.Stats;
import io.smbwatch.stream.StreamMemory;
import io.smbwatch.stream.TcpReassembler;
import java.io.IOException;

/**
 * Wires the stages for one capture: frames → decode → flows → TCP reassembly → NBSS → SMB
 * messages, handed to a {@link MessageListener}. Single-threaded; one instance per capture.
 */
public final class Pipeline implements FlowTable.Listener {
    private final Settings settings;
    private final MessageListener listener;
    private final Anomalies anomalies;
    private final PacketDecoder decoder;
    private final Packet packet = new Packet();
    private final FlowTable flows;
    private final StreamMemory memory;
    private final SmbCounters smb = new SmbCounters();
    private final Smb2Shared smb2Shared;
    private final Stats stats = new Stats(DecodeResult.values(), FlowTable.EndReason.values());

    /** Marks a flow that carries no SMB: its packets are counted and not reassembled. */
    private static final Object NOT_SMB = new Object();

    public Pipeline(Settings settings, MessageListener listener) {
        this.settings = settings;
        Limits l = settings.limits();
        this.anomalies = new Anomalies(l.getInt(Limit.ANOMALIES_KEPT));
        this.decoder = new PacketDecoder(new Ipv4Defragmenter(l.getInt(Limit.IP_FRAGMENTS_PENDING), l.getInt(Limit.IP_FRAGMENT_TIMEOUT)));
        this.smb2Shared = new Smb2Shared(l.getInt(Limit.SMB2_SESSIONS), l.getInt(Limit.SMB2_TREES), l.getInt(Limit.SMB2_FILES));
        this.listener = listener;
        anomalies.listen(listener::onAnomaly);
        this.memory = new StreamMemory(settings.maxOutOfOrderTotal());
        this.flows = new FlowTable(settings.maxFlows(), settings.idleTimeout(), settings.closedTimeout(), this);
    }

    /** Signature inspection of packets (null: none). */
    private PacketInspector inspector;

    public void setInspector(PacketInspector inspector) {
        this.inspector = inspector;
    }

    public Anomalies anomalies() {
        return anomalies;
    }

    /** SMB2 state shared by the connections of this capture (sessions, trees, open files). */
    public Smb2Shared smb2Shared() {
        return smb2Shared;
    }

    /** Reads the whole capture. */
    public void run(CaptureReader reader) throws IOException {
        Frame frame = new Frame();
        while (reader.next(frame)) onFrame(frame);
        finish();
    }

    public void onFrame(Frame f) {
        tick(f.tsSeconds);
        process(f);
    }

    /**
     * The capture has been read up to frame {@code number} (by other workers too): what flows ended
     * now are flushed at. A sharded worker says so before each of its frames and at the end.
     */
    public void readUpTo(long number) {
        if (number > stats.lastFrame) stats.lastFrame = number;
    }

    /** Capture time has reached {@code seconds} (a frame of this capture, maybe one another worker handles). */
    public void tick(long seconds) {
        flows.tick(seconds);
    }

    /** One frame, after {@link #tick} for its time. */
    public void process(Frame f) {
        if (stats.frames++ == 0) {
            stats.firstSeconds = f.tsSeconds;
            stats.firstNanos = f.tsNanos;
        }
        stats.bytes += f.capLen;
        stats.lastFrame = f.number;
        DecodeResult r = decoder.decode(f, packet);
        stats.decode.increment(r.ordinal());
        if (r == DecodeResult.TCP) onTcp(packet);
        else if (r == DecodeResult.UDP) onUdp(packet);
    }

    private void onTcp(Packet p) {
        Flow flow = flows.lookup(p);
        int dir = flows.direction();
        flow.packets[dir]++;
        flow.bytes[dir] += p.payloadLength;
        flow.tcpFlags[dir] |= p.tcpFlags;
        // a flow on an SMB port is an SMB connection from its first packet on; one found by its bytes, after that packet
        boolean smbBefore = flow.appProto == AppProto.SMB
                || flow.appProto == AppProto.UNKNOWN && (isSmbPort(flow.serverPort) || isSmbPort(flow.clientPort));
        if (flow.appProto == AppProto.UNKNOWN) decide(flow, p);
        if (inspector != null) inspector.onTcpPacket(flow, dir, p, smbBefore);
        switch (flow.appProto) {
            case SMB:
                stats.tcpSmb++;
                ((TcpSession) flow.app).onPacket(p, dir);
                break;
            case DCERPC:
                stats.tcpDcerpc++;
                ((DcerpcTcpSession) flow.app).onPacket(p, dir);
                break;
            default:
                stats.tcpNotSmb++;       // OTHER, or UNKNOWN until the first payload
        }
    }

    /**
     * Decides a TCP flow's application protocol, once: the SMB ports first, then DCERPC (port 135,
     * or a packet that starts with a DCERPC header), then an NBSS session message in the first
     * payload; a flow off those ports stays undecided while its packets carry no payload.
     */
    private void decide(Flow flow, Packet p) {
        boolean smbPort = isSmbPort(flow.serverPort) || isSmbPort(flow.clientPort);
        boolean rpcPort = flow.serverPort == 135 || flow.clientPort == 135;
        if (!smbPort && (rpcPort || DcerpcParser.header(p.data, p.payloadOffset, p.payloadLength) != null)) {
            if (p.payloadLength == 0 && !rpcPort) return;
            flow.app = new DcerpcTcpSession(flow, new DcerpcTcpConnection(flow, listener, anomalies, smb, settings.limits()), settings, memory);
            flow.appProto = AppProto.DCERPC;
            stats.dcerpcFlows++;
            return;
        }
        if (!smbPort) {
            if (p.payloadLength == 0) return;
            if (!NetbiosDatagram.looksLikeSmbSession(p.data, p.payloadOffset, p.payloadLength)) {
                flow.app = NOT_SMB;
                flow.appProto = AppProto.OTHER;
                return;
            }
        }
        flow.app = new TcpSession(flow, new SmbConnection(flow, listener, anomalies, smb, smb2Shared, settings.limits()), settings, memory);
        flow.appProto = AppProto.SMB;
        stats.smbFlows++;
    }

    private static boolean isSmbPort(int port) {
        return port == 445 || port == 139;
    }

    /** NetBIOS datagrams (UDP 138) carry SMB Transaction mailslot messages (browser announcements). */
    private void onUdp(Packet p) {
        if (p.dstPort != 138 && p.srcPort != 138) {
            stats.udpOther++;
            if (inspector != null) {
                Flow flow = flows.lookup(p);
                int dir = flows.direction();
                flow.packets[dir]++;
                flow.bytes[dir] += p.payloadLength;
                flow.appProto = AppProto.OTHER;
                inspector.onUdpPacket(flow, dir, p);
            }
            return;
        }
        Flow flow = flows.lookup(p);
        int dir = flows.direction();
        flow.packets[dir]++;
        flow.bytes[dir] += p.payloadLength;
        int smbOff = NetbiosDatagram.smbOffset(p.data, p.payloadOffset, p.payloadLength);
        if (smbOff < 0) {
            stats.udpOther++;
            return;
        }
        stats.udpSmb++;
        if (!(flow.app instanceof SmbConnection)) {
            flow.app = new SmbConnection(flow, listener, anomalies, smb, smb2Shared, settings.limits());
            flow.appProto = AppProto.SMB;
        }
        SmbConnection c = (SmbConnection) flow.app;
        c.setFrame(p.frame.tsSeconds, p.frame.tsNanos, p.frame.origLen);
        c.dissect(dir, p.data, smbOff, p.payloadOffset + p.payloadLength - smbOff, false, p.frame.number);
    }

    /** End of input: every flow still open is flushed and ended. */
    public void finish() {
        flows.flushAll();
        anomalies.add(AnomalyKind.DEFRAG_TRACKER_CAP, decoder.defragmenter().evicted());
    }

    @Override
    public void onFlowEnd(Flow flow, FlowTable.EndReason reason) {
        if (flow.app instanceof TcpSession) {
            TcpSession s = (TcpSession) flow.app;
            s.finish(stats.lastFrame);
            for (int d = 0; d < 2; d++) {
                if (s.streams[d] == null) continue;
                count(s.streams[d]);
                stats.bodiesElided += s.framers[d].elided();
                if (s.framers[d].heldBytes() > 0) {
                    stats.incompleteAtEnd++;
                    anomalies.report(AnomalyKind.NBSS_INCOMPLETE_AT_END, atEnd(flow, d),
                            s.framers[d].heldBytes() + " bytes of an unfinished message, " + flow);
                }
            }
        }
        if (flow.app instanceof DcerpcTcpSession) {
            DcerpcTcpSession s = (DcerpcTcpSession) flow.app;
            s.finish(stats.lastFrame);
            for (int d = 0; d < 2; d++) {
                if (s.streams[d] == null) continue;
                count(s.streams[d]);
                if (s.rpc.held(d) > 0) {
                    anomalies.report(AnomalyKind.DCERPC_INCOMPLETE_AT_END, atEnd(flow, d), s.rpc.held(d) + " bytes of an unfinished PDU, " + flow);
                }
            }
        }
        if (flow.app != null) listener.onFlowEnd(flow);
        if (flow.midstream) stats.midstreamFlows++;
        stats.flowsEnded.increment(reason.ordinal());
        flow.app = null;
    }

    /** Where an anomaly found as a flow ends is: its last frame, as one worker of many also knows it. */
    private static Anomalies.Where atEnd(Flow flow, int dir) {
        return new Anomalies.Where(flow, dir, flow.lastFrame, flow.lastSeconds, flow.lastNanos);
    }

    /** Adds an ended stream's byte accounting to the statistics. */
    private void count(TcpReassembler r) {
        stats.streamSeen += r.seen();
        stats.delivered += r.delivered();
        stats.gaps += r.gaps();
        stats.gapBytes += r.gapBytes();
        stats.retransmitted += r.retransmittedBytes();
        stats.streamCapHits += r.capHits();
    }

    /** Statistics so far (complete after {@link #finish}). */
    public Stats stats() {
        stats.flows = flows.created();
        stats.smb = smb;
        stats.anomalies = anomalies;
        stats.defragReassembled = decoder.defragmenter().reassembled();
        stats.streamMemoryPeak = memory.peak();
        stats.streamMemoryCapHits = memory.capHits();
        return stats;
    }
}
