package io.smbwatch.pipeline;

import io.smbwatch.capture.Frame;
import io.smbwatch.config.Limit;
import io.smbwatch.packet.DecodeResult;
import io.smbwatch.packet.Packet;
import io.smbwatch.packet.PacketDecoder;

/**
 * Chooses the worker of each frame: a flow (or pair of hosts) goes, when it first appears, to the
 * worker that has been given the fewest capture bytes so far, and stays there. A hash alone leaves
 * the balance to chance: with two workers, two big connections land on one worker half the time
 * (the benchmark capture's two file transfers did). The choice depends only on the frames seen so
 * far, so workers that each read the whole capture make the same choices independently.
 *
 * <p>The table of keys is bounded: entries idle for longer than the flow idle timeout are swept
 * when it fills; when even that leaves it full at {@link Limit#SHARD_SLOTS_CEILING}, it is cleared and counted
 * ({@link #resets}): flows seen again are then placed anew, and may change worker.
 */
final class Sharder {

    private final int n;
    private final boolean byFlow;
    private final long idle;
    private final long[] load;            // capture bytes given to each worker
    private long[] keys;                  // open addressing, linear probing; 0 = empty
    private byte[] owners;
    private long[] seen;                  // capture second each key was last seen
    private int size;
    private long now = Long.MIN_VALUE;
    /** Times the table was full of live keys and had to be cleared. */
    long resets;
    /** The addresses and ports of the frame being placed. */
    private final Packet packet = new Packet();

    Sharder(int n, boolean byFlow) {
        this(n, byFlow, Settings.defaults().idleTimeout());
    }

    Sharder(int n, boolean byFlow, long idleSeconds) {
        if (n < 1 || n > 127) throw new IllegalArgumentException("workers: 1 to 127");
        this.n = n;
        this.byFlow = byFlow;
        this.idle = idleSeconds;
        load = new long[n];
        alloc(Limit.SHARD_SLOTS_INITIAL.defaultInt());
    }

    /** The worker of this frame (0 for frames that are not IP). */
    int owner(Frame f) {
        if (n == 1) return 0;
        if (f.tsSeconds > now) now = f.tsSeconds;
        long k = key(PacketDecoder.peek(f, packet, KEY_BYTES), packet, byFlow);
        int o;
        if (k == 0) {
            o = 0;
        } else {
            int mask = keys.length - 1;
            int i = (int) k & mask;
            while (keys[i] != 0 && keys[i] != k) i = (i + 1) & mask;
            if (keys[i] == k) {
                o = owners[i];
                seen[i] = f.tsSeconds;
            } else {
                o = leastLoaded();
                add(k, o, f.tsSeconds);
            }
        }
        load[o] += f.capLen;
        return o;
    }

    /** Bytes at the start of a frame that decide its worker (link, IP and port headers; a reader may give only these). */
    static final int KEY_BYTES = 128;

    /**
     * The key a frame is sharded by, from its addresses as the packet decoder reads them: a 64-bit
     * hash of its two IP addresses (and, by flow, its ports and protocol), the same in both
     * directions; 0 for frames that are not IP (they go to worker 0). IPv4 fragments lack ports in
     * all but the first piece, so by flow every piece is keyed by its addresses alone.
     */
    static long key(DecodeResult r, Packet p, boolean byFlow) {
        long h;
        if (p.ipVersion == 4) {
            h = Math.min(p.srcLo, p.dstLo) << 32 | Math.max(p.srcLo, p.dstLo);
        } else if (p.ipVersion == 6) {
            long x = mix(p.srcHi) ^ p.srcLo, y = mix(p.dstHi) ^ p.dstLo;
            h = mix(Math.min(x, y)) * 31 + Math.max(x, y);
        } else {
            return 0;
        }
        if (byFlow && r != DecodeResult.FRAGMENT_HELD) h = mix(h) ^ ports(p);
        return nonZero(mix(h));
    }

    /** Both ports and the protocol, the same in either direction; 0 when not TCP or UDP. */
    private static long ports(Packet p) {
        if (p.protocol != Packet.PROTO_TCP && p.protocol != Packet.PROTO_UDP) return 0;
        int a = p.srcPort, c = p.dstPort;
        return mix((long) p.protocol << 32 | (long) Math.min(a, c) << 16 | Math.max(a, c));
    }

    /** A 64-bit finalizer (SplitMix64's): every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long nonZero(long k) {
        return k == 0 ? 1 : k;
    }

    private int leastLoaded() {
        int best = 0;
        for (int w = 1; w < n; w++) if (load[w] < load[best]) best = w;
        return best;
    }

    private void add(long k, int o, long second) {
        if (size + 1 > keys.length * 3 / 4) {
            rebuild(keys.length, true);                      // sweep the idle keys first
            if (size + 1 > keys.length / 2) {
                if (keys.length < Limit.SHARD_SLOTS_CEILING.defaultInt()) {
                    rebuild(keys.length * 2, false);
                } else {
                    resets++;
                    alloc(keys.length);
                }
            }
        }
        put(k, o, second);
    }

    private void put(long k, int o, long second) {
        int mask = keys.length - 1;
        int i = (int) k & mask;
        while (keys[i] != 0) i = (i + 1) & mask;
        keys[i] = k;
        owners[i] = (byte) o;
        seen[i] = second;
        size++;
    }

    private void rebuild(int slots, boolean sweep) {
        long[] k = keys, s = seen;
        byte[] o = owners;
        alloc(slots);
        for (int i = 0; i < k.length; i++) {
            if (k[i] != 0 && (!sweep || now - s[i] <= idle)) put(k[i], o[i], s[i]);
        }
    }

    private void alloc(int slots) {
        keys = new long[slots];
        owners = new byte[slots];
        seen = new long[slots];
        size = 0;
    }

    /** Keys held (for tests). */
    int size() {
        return size;
    }
}
