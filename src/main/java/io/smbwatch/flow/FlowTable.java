package io.smbwatch.flow;

import io.smbwatch.packet.Packet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flow table keyed on the 5-tuple, in least-recently-used order so that idle flows are found
 * at the front. Bounded: when {@code maxFlows} is reached the least recently used flow is
 * evicted (counted, and reported to the listener like any other end).
 */
public final class FlowTable {
    /** Why a flow ended. */
    public enum EndReason { CLOSED, IDLE, EVICTED, END_OF_INPUT }

    /** Told when a flow leaves the table, so its state can be flushed and logged. */
    public interface Listener {
        void onFlowEnd(Flow flow, EndReason reason);
    }

    private final LinkedHashMap<FlowKey, Flow> flows;
    private final FlowKey probe = new FlowKey();
    private final int maxFlows;
    private final long idleTimeout;
    private final long closedTimeout;
    private final Listener listener;
    private long lastSweep = Long.MIN_VALUE;
    private final long[] ended = new long[EndReason.values().length];
    private long created;
    private long midstream;
    private long tcpStreams;
    /** The flow of the last {@link #lookup}, while it is in the table. */
    private Flow last;
    /** Direction of the packet given to the last {@link #lookup}. */
    private int direction;

    public FlowTable(int maxFlows, long idleTimeoutSeconds, long closedTimeoutSeconds, Listener listener) {
        this.maxFlows = maxFlows;
        this.idleTimeout = idleTimeoutSeconds;
        this.closedTimeout = closedTimeoutSeconds;
        this.listener = listener;
        this.flows = new LinkedHashMap<>(1024, 0.75f, true);
    }

    /** Finds or creates the packet's flow; {@link #direction()} then tells the packet's direction. */
    public Flow lookup(Packet p) {
        long now = p.frame.tsSeconds;
        tick(now);
        Flow f = last;
        // Most packets belong to the connection of the packet before: that flow is already the
        // most recently used, so it is taken without hashing the key or touching the LRU order.
        if (f == null || !sameConnection(f, p)) {
            probe.set(p);
            f = flows.get(probe);
            if (f == null) {
                f = create(p);
                flows.put(f.key, f);
            }
            last = f;
        }
        boolean srcIsClient = p.srcPort == f.clientPort && p.srcLo == f.clientLo && p.srcHi == f.clientHi;
        direction = srcIsClient ? Flow.TO_SERVER : Flow.TO_CLIENT;
        f.lastSeconds = now;
        f.lastNanos = p.frame.tsNanos;
        f.lastFrame = p.frame.number;
        return f;
    }

    /**
     * Capture time has reached {@code now}: flows idle for longer than their timeout end. Sweeping
     * once per second of capture time is enough; the pipeline ticks on every frame, so that the
     * flows ending are the same whichever frames a table sees (sharded workers).
     */
    public void tick(long now) {
        if (now != lastSweep) {
            lastSweep = now;
            sweep(now);
        }
    }

    public int direction() {
        return direction;
    }

    private Flow create(Packet p) {
        if (flows.size() >= maxFlows) {
            Iterator<Flow> it = flows.values().iterator();
            Flow old = it.next();
            it.remove();
            end(old, EndReason.EVICTED);
        }
        boolean syn = p.isTcp() && p.hasFlag(Packet.TCP_SYN);
        boolean srcIsClient;
        if (syn) srcIsClient = !p.hasFlag(Packet.TCP_ACK);   // SYN from client, SYN-ACK from server
        else srcIsClient = serverPortScore(p.dstPort) >= serverPortScore(p.srcPort);
        boolean mid = p.isTcp() && !syn;
        created++;
        if (mid) midstream++;
        FlowKey k = probe.copy();
        Flow f = srcIsClient
                ? new Flow(p.frame.number, k, p.ipVersion, p.protocol, p.srcHi, p.srcLo, p.srcPort,
                        p.dstHi, p.dstLo, p.dstPort, mid, p.frame.tsSeconds, p.frame.tsNanos)
                : new Flow(p.frame.number, k, p.ipVersion, p.protocol, p.dstHi, p.dstLo, p.dstPort,
                        p.srcHi, p.srcLo, p.srcPort, mid, p.frame.tsSeconds, p.frame.tsNanos);
        if (p.isTcp()) f.stream = tcpStreams++;
        return f;
    }

    /** Higher means more likely a server port: SMB and RPC ports first, then low ports. */
    private static int serverPortScore(int port) {
        switch (port) {
            case 445: case 139: case 135: case 137: case 138:
                return 3;
            default:
                return port < 1024 ? 2 : (port < 49152 ? 1 : 0);
        }
    }

    private void sweep(long now) {
        Iterator<Flow> it = flows.values().iterator();
        while (it.hasNext()) {
            Flow f = it.next();
            long idle = now - f.lastSeconds;
            if (f.closing && idle > closedTimeout) {
                it.remove();
                end(f, EndReason.CLOSED);
            } else if (idle > idleTimeout) {
                it.remove();
                end(f, EndReason.IDLE);
            } else if (idle <= closedTimeout) {
                break;   // LRU order: everything after this one was seen more recently
            }
        }
    }

    /** Ends every flow (end of input). */
    public void flushAll() {
        Iterator<Flow> it = flows.values().iterator();
        while (it.hasNext()) {
            Flow f = it.next();
            it.remove();
            end(f, f.closing ? EndReason.CLOSED : EndReason.END_OF_INPUT);
        }
    }

    private static boolean sameConnection(Flow f, Packet p) {
        if (f.protocol != p.protocol || f.ipVersion != p.ipVersion) return false;
        if (p.srcPort == f.clientPort) {
            return p.dstPort == f.serverPort && p.srcLo == f.clientLo && p.dstLo == f.serverLo
                    && p.srcHi == f.clientHi && p.dstHi == f.serverHi;
        }
        return p.srcPort == f.serverPort && p.dstPort == f.clientPort && p.srcLo == f.serverLo
                && p.dstLo == f.clientLo && p.srcHi == f.serverHi && p.dstHi == f.clientHi;
    }

    private void end(Flow f, EndReason reason) {
        if (f == last) last = null;
        ended[reason.ordinal()]++;
        listener.onFlowEnd(f, reason);
    }

    public int size() {
        return flows.size();
    }

    public long created() {
        return created;
    }

    public long midstream() {
        return midstream;
    }

    public long ended(EndReason r) {
        return ended[r.ordinal()];
    }

    /** All flows currently in the table, least recently used first. */
    public Iterable<Flow> flows() {
        return flows.values();
    }

    Map<FlowKey, Flow> map() {
        return flows;
    }
}
