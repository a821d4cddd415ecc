package io.smbwatch.packet;

/** Link-layer type numbers (tcpdump.org LINKTYPE_*) that the decoder understands. */
public final class LinkType {
    private LinkType() {}

    public static final int NULL = 0;          // BSD loopback, host byte order family
    public static final int ETHERNET = 1;
    public static final int RAW = 101;         // raw IPv4/IPv6
    public static final int LOOP = 108;        // OpenBSD loopback, network byte order family
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;
    /** DLT_RAW as some systems write it in pcap headers. */
    public static final int DLT_RAW_12 = 12;
    public static final int DLT_RAW_14 = 14;

    public static boolean supported(int linkType) {
        switch (linkType) {
            case NULL: case ETHERNET: case RAW: case LOOP: case LINUX_SLL: case IPV4: case IPV6:
            case LINUX_SLL2: case DLT_RAW_12: case DLT_RAW_14:
                return true;
            default:
                return false;
        }
    }
}
