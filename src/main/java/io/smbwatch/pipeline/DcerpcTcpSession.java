package io.smbwatch.pipeline;

import io.smbwatch.app.dcerpc.DcerpcTcpConnection;
import io.smbwatch.flow.Flow;
import io.smbwatch.packet.Packet;
import io.smbwatch.stream.StreamMemory;
import io.smbwatch.stream.StreamSink;
import io.smbwatch.stream.TcpReassembler;

/** The per-flow chain for DCERPC over TCP: reassembly of both directions into one association. */
final class DcerpcTcpSession {
    final Flow flow;
    final DcerpcTcpConnection rpc;
    final TcpReassembler[] streams = new TcpReassembler[2];
    private final Settings settings;
    private final StreamMemory memory;

    DcerpcTcpSession(Flow flow, DcerpcTcpConnection rpc, Settings settings, StreamMemory memory) {
        this.flow = flow;
        this.rpc = rpc;
        this.settings = settings;
        this.memory = memory;
    }

    private TcpReassembler stream(int dir) {
        if (streams[dir] == null) {
            StreamSink sink = new StreamSink() {
                @Override
                public void onData(byte[] b, int off, int len, long frame) {
                    rpc.onData(dir, b, off, len, frame);
                }

                @Override
                public void onGap(long len, long frame) {
                    rpc.onGap(dir);
                }
            };
            streams[dir] = new TcpReassembler(sink, memory, settings.maxOutOfOrderPerDirection());
        }
        return streams[dir];
    }

    void onPacket(Packet p, int dir) {
        rpc.setFrame(p.frame.tsSeconds, p.frame.tsNanos, p.frame.origLen);
        if (p.hasFlag(Packet.TCP_SYN)) stream(dir).onSyn(p.seq);
        if (p.hasFlag(Packet.TCP_ACK) && streams[1 - dir] != null) streams[1 - dir].onPeerAck(p.ack);
        if (p.payloadLength > 0 || p.payloadMissing > 0) {
            stream(dir).onSegment(p.seq, p.data, p.payloadOffset, p.payloadLength, p.payloadMissing, p.frame.number);
        }
        if (p.hasFlag(Packet.TCP_FIN | Packet.TCP_RST)) flow.closing = true;
    }

    void finish(long frame) {
        for (TcpReassembler r : streams) if (r != null) r.flush(frame);
    }
}
