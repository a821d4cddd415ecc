package io.smbwatch.detect.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CandidatesTest {
    @Test
    void eachRuleOncePerPayloadSortedAndGrowing() {
        Candidates c = new Candidates(200);
        c.clear();
        for (int r = 199; r >= 0; r--) {
            c.accept(r);
            c.accept(r);
        }
        assertEquals(200, c.size);
        c.sort();
        assertEquals(0, c.list[0]);
        assertEquals(199, c.list[199]);
        c.clear();
        assertEquals(0, c.size);
        c.accept(5);
        c.accept(3);
        c.accept(5);
        c.sort();
        assertArrayEquals(new int[] {3, 5}, Arrays.copyOf(c.list, c.size), "a new payload: rules seen before count again");
    }
}
