package io.smbwatch.packet;

import io.smbwatch.capture.Frame;

/**
 * Flyweight L3/L4 view of one frame, filled by {@link PacketDecoder} and reused for every packet.
 * Addresses are kept as two longs each (IPv4 in the low 32 bits of {@code lo}, {@code hi} = 0) so
 * that flow keys need no byte arrays.
 */
public final class Packet {
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;

    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_PSH = 0x08;
    public static final int TCP_ACK = 0x10;

    public Frame frame;
    /** 4 or 6. */
    public int ipVersion;
    public long srcHi, srcLo, dstHi, dstLo;
    /** IP protocol number (6 TCP, 17 UDP, ...). */
    public int protocol;
    public int srcPort, dstPort;
    /** TCP sequence and acknowledgement numbers, unsigned 32-bit values. */
    public long seq, ack;
    public int tcpFlags;
    /** Buffer holding the transport payload (the frame's buffer, or a reassembled datagram). */
    public byte[] data;
    public int payloadOffset;
    public int payloadLength;
    /** Payload bytes the wire had but the capture lost (snaplen); they form a gap in the stream. */
    public int payloadMissing;

    public boolean isTcp() {
        return protocol == PROTO_TCP;
    }

    public boolean hasFlag(int flag) {
        return (tcpFlags & flag) != 0;
    }

    public String srcAddress() {
        return Addresses.format(ipVersion, srcHi, srcLo);
    }

    public String dstAddress() {
        return Addresses.format(ipVersion, dstHi, dstLo);
    }
}
