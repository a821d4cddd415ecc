package io.smbwatch.detect.engine;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The candidate rules of one payload, each once (an epoch stamp per rule instead of clearing a
 * set), in a growable array reused for every payload.
 */
final class Candidates implements IntConsumer {
    private final int[] stamp;
    private int epoch;
    int[] list = new int[64];
    int size;

    Candidates(int rules) {
        stamp = new int[rules];
    }

    /** Starts a new payload: no candidates. */
    void clear() {
        if (++epoch == 0) {
            Arrays.fill(stamp, 0);
            epoch = 1;
        }
        size = 0;
    }

    @Override
    public void accept(int rule) {
        if (stamp[rule] == epoch) return;
        stamp[rule] = epoch;
        if (size == list.length) list = Arrays.copyOf(list, size * 2);
        list[size++] = rule;
    }

    /** Rule order: pass rules and flowbit setters first (the engine sorted its rules so). */
    void sort() {
        if (size > 1) Arrays.sort(list, 0, size);
    }
}
