package io.smbwatch.pipeline;

import io.smbwatch.flow.Flow;
import io.smbwatch.packet.Packet;

/**
 * What the pipeline hands to signature inspection besides SMB messages: TCP packets (of every flow),
 * the in-order stream of TCP flows that carry no SMB (reassembled only when {@link #wantsStreams}),
 * and UDP datagrams. Arrays are valid only during the call.
 */
public interface PacketInspector {
    void onTcpPacket(Flow flow, int dir, Packet p, boolean smbFlow);

    boolean wantsStreams();

    void onStreamData(Flow flow, int dir, byte[] b, int off, int len, long frame, long seconds, int nanos);

    void onUdpPacket(Flow flow, int dir, Packet p);
}
