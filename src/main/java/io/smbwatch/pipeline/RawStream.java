package io.smbwatch.pipeline;

import io.smbwatch.flow.Flow;
import io.smbwatch.packet.Packet;
import io.smbwatch.stream.StreamMemory;
import io.smbwatch.stream.StreamSink;
import io.smbwatch.stream.TcpReassembler;

/** A TCP flow without SMB whose reassembled stream goes to signature inspection, chunk by chunk as TCP delivers it. */
final class RawStream {
    final TcpReassembler[] streams = new TcpReassembler[2];
    private long sec;
    private int nanos;

    RawStream(Flow flow, PacketInspector inspector, StreamMemory memory, Settings settings) {
        for (int d = 0; d < 2; d++) {
            final int dir = d;
            streams[d] = new TcpReassembler(new StreamSink() {
                @Override
                public void onData(byte[] b, int off, int len, long frame) {
                    inspector.onStreamData(flow, dir, b, off, len, frame, sec, nanos);
                }

                @Override
                public void onGap(long len, long frame) {
                    // a hole: the next chunk is inspected on its own
                }
            }, memory, settings.maxOutOfOrderPerDirection());
        }
    }

    void onPacket(Packet p, int dir) {
        sec = p.frame.tsSeconds;
        nanos = p.frame.tsNanos;
        if (p.hasFlag(Packet.TCP_SYN)) streams[dir].onSyn(p.seq);
        if (p.hasFlag(Packet.TCP_ACK)) streams[1 - dir].onPeerAck(p.ack);
        if (p.payloadLength > 0 || p.payloadMissing > 0) {
            streams[dir].onSegment(p.seq, p.data, p.payloadOffset, p.payloadLength, p.payloadMissing, p.frame.number);
        }
    }

    void finish(long frame) {
        for (TcpReassembler r : streams) r.flush(frame);
    }
}
