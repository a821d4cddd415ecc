package io.smbwatch.pipeline;

import io.smbwatch.config.Limit;
import io.smbwatch.capture.Frame;

/**
 * Chooses the worker of each frame: a flow (or pair of hosts) goes, when it first appears, to the
 * worker that has been given the fewest capture bytes so far, and stays there. A hash alone leaves
 * the balance to chance: with two workers, two big connections land on one worker half the time
 * (the benchmark capture's two file transfers did). The choice depends only on the frames seen so
 * far, so workers that each read the whole capture make the same choices independently.
 *
 * <p>The table of keys is bounded: entries idle for longer than the flow idle timeout are swept
 * when it fills; when even that leaves it full at {@link #MAX_SLOTS}, it is cleared and counted
 * ({@link #resets}): flows seen again are then placed anew, and may change worker.
 */
final class Sharder {
    static final int MIN_SLOTS = Limit.SHARD_MIN_SLOTS.defaultInt(), MAX_SLOTS = Limit.SHARD_MAX_SLOTS.defaultInt();

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

    Sharder(int n, boolean byFlow) {
        this(n, byFlow, Settings.defaults().idleTimeout());
    }

    Sharder(int n, boolean byFlow, long idleSeconds) {
        if (n < 1 || n > 127) throw new IllegalArgumentException("workers: 1 to 127");
        this.n = n;
        this.byFlow = byFlow;
        this.idle = idleSeconds;
        load = new long[n];
        alloc(MIN_SLOTS);
    }

    /** The worker of this frame (0 for frames that are not IP). */
    int owner(Frame f) {
        if (n == 1) return 0;
        if (f.tsSeconds > now) now = f.tsSeconds;
        long k = ShardedRun.key(f, byFlow);
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

    private int leastLoaded() {
        int best = 0;
        for (int w = 1; w < n; w++) if (load[w] < load[best]) best = w;
        return best;
    }

    private void add(long k, int o, long second) {
        if (size + 1 > keys.length * 3 / 4) {
            rebuild(keys.length, true);                      // sweep the idle keys first
            if (size + 1 > keys.length / 2) {
                if (keys.length < MAX_SLOTS) {
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
