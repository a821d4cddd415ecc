package io.smbwatch.pipeline;

import io.smbwatch.config.Limit;
import io.smbwatch.app.smb.SmbConnection;
import io.smbwatch.flow.Flow;
import io.smbwatch.packet.Packet;
import io.smbwatch.proto.nbss.NbssFramer;
import io.smbwatch.stream.StreamMemory;
import io.smbwatch.stream.TcpReassembler;

/** The per-flow chain for an SMB connection: reassembly, NBSS framing and SMB state, both directions. */
final class TcpSession {
    final Flow flow;
    final SmbConnection smb;
    final TcpReassembler[] streams = new TcpReassembler[2];
    final NbssFramer[] framers = new NbssFramer[2];
    private final boolean[] sawSyn = new boolean[2];
    private final Settings settings;
    private final StreamMemory memory;

    /** Large file reads and writes go on as their head when nobody reads file data (null: all kept). */
    private final NbssFramer.Elision elision;

    TcpSession(Flow flow, SmbConnection smb, Settings settings, StreamMemory memory) {
        this.flow = flow;
        this.smb = smb;
        this.settings = settings;
        this.memory = memory;
        // decided here, by the owner of both the framers and the SMB state, from the message's head
        this.elision = settings.fileData() ? null : (head, off, len, length) -> smb.fileTransfer(head, off, len);
    }

    private TcpReassembler stream(int dir) {
        TcpReassembler r = streams[dir];
        if (r == null) {
            // A direction that began with its SYN starts at a message boundary; else resync.
            framers[dir] = new NbssFramer(smb.direction(dir), elision, sawSyn[dir], settings.maxMessage(),
                    settings.limits().getInt(Limit.NBSS_HEAD));
            r = new TcpReassembler(framers[dir], memory, settings.maxOutOfOrderPerDirection());
            streams[dir] = r;
        }
        return r;
    }

    void onPacket(Packet p, int dir) {
        smb.setFrame(p.frame.tsSeconds, p.frame.tsNanos, p.frame.origLen);
        if (p.hasFlag(Packet.TCP_SYN)) {
            if (streams[dir] == null) sawSyn[dir] = true;
            stream(dir).onSyn(p.seq);
        }
        if (p.hasFlag(Packet.TCP_ACK) && streams[1 - dir] != null) streams[1 - dir].onPeerAck(p.ack);
        if (p.payloadLength > 0 || p.payloadMissing > 0) {
            stream(dir).onSegment(p.seq, p.data, p.payloadOffset, p.payloadLength, p.payloadMissing, p.frame.number);
        }
        if (p.hasFlag(Packet.TCP_FIN | Packet.TCP_RST)) flow.closing = true;
    }

    /** The flow ended: deliver what waits behind holes. */
    void finish(long frame) {
        for (TcpReassembler r : streams) {
            if (r != null) r.flush(frame);
        }
    }
}
