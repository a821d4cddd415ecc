package io.smbwatch.flow;

import io.smbwatch.packet.Packet;

/**
 * What the pipeline hands to signature inspection besides SMB messages: the TCP packets and UDP
 * datagrams of every flow, after the flow's table entry is updated and its application protocol
 * ({@link Flow#appProto}) decided. Owned here, by the flow stage that calls it, so that inspection
 * depends on flows and not on the wiring. Arrays are valid only during the call.
 */
public interface PacketInspector {
    /**
     * @param smbFlow whether the flow was an SMB connection before this packet: from its first packet
     *     on for a flow on an SMB port, from its second payload packet on for one found by its bytes
     */
    void onTcpPacket(Flow flow, int dir, Packet p, boolean smbFlow);

    void onUdpPacket(Flow flow, int dir, Packet p);
}
