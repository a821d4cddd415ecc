package io.smbwatch.flow;

import io.smbwatch.packet.Addresses;

/**
 * One connection (or UDP conversation). Endpoints are oriented: the client is the side that sent
 * the SYN, or, for a flow picked up midstream, the side not on a well-known server port.
 * Per-direction counters are arrays indexed by {@link #TO_SERVER} / {@link #TO_CLIENT}.
 */
public final class Flow {
    public static final int TO_SERVER = 0;
    public static final int TO_CLIENT = 1;

    /** The number of the flow's first frame: unique in a capture, and the same however flows are sharded. */
    public final long id;
    public final int ipVersion;
    public final int protocol;
    public final long clientHi, clientLo, serverHi, serverLo;
    public final int clientPort, serverPort;
    /** True when the flow's first packet was not a SYN. */
    public final boolean midstream;
    public final long firstSeconds;
    public final int firstNanos;
    /** Number of the flow's last frame (flows end in this order at the end of the capture). */
    public long lastFrame;
    public long lastSeconds;
    public int lastNanos;
    public final long[] packets = new long[2];
    public final long[] bytes = new long[2];
    /** TCP flags seen per direction, OR'ed (tells an answered, refused or unanswered attempt). */
    public final int[] tcpFlags = new int[2];
    /** Set when a FIN or RST was seen; the flow ends once it has been idle briefly. */
    public boolean closing;
    /** The application protocol, as the pipeline decided it (set once, before inspection sees the deciding packet). */
    public AppProto appProto = AppProto.UNKNOWN;
    /** Application state attached by the pipeline (the TCP session's parsers). */
    public Object app;
    /** Per-flow state of signature inspection (flowbits, stream windows), kept by the detection engine. */
    public Object detect;
    /**
     * TCP stream index as tshark numbers it (tcp.stream): 0, 1, ... in the order of each TCP flow's
     * first packet among all the TCP flows this table saw; -1 for UDP.
     */
    public long stream = -1;

    final FlowKey key;
    /** Computed on first use (most flows of a scan are never written). */
    private long eveId;
    private String communityId;

    Flow(long id, FlowKey key, int ipVersion, int protocol, long cHi, long cLo, int cPort,
         long sHi, long sLo, int sPort, boolean midstream, long sec, int nanos) {
        this.id = id;
        this.key = key;
        this.ipVersion = ipVersion;
        this.protocol = protocol;
        this.clientHi = cHi;
        this.clientLo = cLo;
        this.clientPort = cPort;
        this.serverHi = sHi;
        this.serverLo = sLo;
        this.serverPort = sPort;
        this.midstream = midstream;
        this.firstSeconds = sec;
        this.firstNanos = nanos;
        this.lastSeconds = sec;
        this.lastNanos = nanos;
    }

    /**
     * The flow_id EVE writes ({@link FlowIds#eveId}): from the 5-tuple and the first packet's
     * time, unlike {@link #id}, which is unique only within one capture.
     */
    public long eveId() {
        if (eveId == 0) eveId = FlowIds.eveId(this);
        return eveId;
    }

    /** The flow's Community ID v1 ({@link FlowIds#communityId(Flow)}). */
    public String communityId() {
        if (communityId == null) communityId = FlowIds.communityId(this);
        return communityId;
    }

    public String clientAddress() {
        return Addresses.format(ipVersion, clientHi, clientLo);
    }

    public String serverAddress() {
        return Addresses.format(ipVersion, serverHi, serverLo);
    }

    /** Source address of a packet travelling in direction {@code dir}. */
    public String srcAddress(int dir) {
        return dir == TO_SERVER ? clientAddress() : serverAddress();
    }

    public String dstAddress(int dir) {
        return dir == TO_SERVER ? serverAddress() : clientAddress();
    }

    public int srcPort(int dir) {
        return dir == TO_SERVER ? clientPort : serverPort;
    }

    public int dstPort(int dir) {
        return dir == TO_SERVER ? serverPort : clientPort;
    }

    @Override
    public String toString() {
        return clientAddress() + ":" + clientPort + " -> " + serverAddress() + ":" + serverPort;
    }
}
