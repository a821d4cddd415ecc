package io.smbwatch.app;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map of per-connection state with a cap: past {@code cap} entries the oldest is dropped and
 * counted, so hostile traffic (a million opens, requests never answered) cannot grow memory.
 */
public final class BoundedMap<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int cap;
    private long evicted;

    public BoundedMap(int cap) {
        super(16, 0.75f, false);
        this.cap = cap;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() > cap) {
            evicted++;
            return true;
        }
        return false;
    }

    public long evicted() {
        return evicted;
    }

    public int cap() {
        return cap;
    }
}
