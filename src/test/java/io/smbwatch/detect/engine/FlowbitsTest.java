package io.smbwatch.detect.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.detect.rule.Rule;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** set/unset/toggle, and isset/isnotset with a|b and a&b, on bits passed in. */
class FlowbitsTest {
    private final Rule[] rules = EngineFixtures.array(
            "alert tcp any any -> any any (msg:\"s\"; flowbits:set,a; flowbits:toggle,b; sid:1;)",
            "alert tcp any any -> any any (msg:\"any\"; flowbits:isset,a|c; sid:2;)",
            "alert tcp any any -> any any (msg:\"all\"; flowbits:isset,a&b; sid:3;)",
            "alert tcp any any -> any any (msg:\"not\"; flowbits:isnotset,a; sid:4;)",
            "alert tcp any any -> any any (msg:\"u\"; flowbits:unset,a; sid:5;)",
            "alert tcp any any -> any any (msg:\"none\"; content:\"x\"; sid:6;)");
    private final Flowbits fb = new Flowbits(rules);

    @Test
    void testsAndActionsOnTheBitsPassedIn() {
        BitSet bits = new BitSet();
        assertFalse(fb.hold(1, bits));
        assertTrue(fb.hold(3, bits));
        assertTrue(fb.hold(5, bits), "no flowbits: holds");
        fb.apply(0, bits);
        assertTrue(fb.hold(1, bits));
        assertTrue(fb.hold(2, bits));
        assertFalse(fb.hold(3, bits));
        fb.apply(0, bits);                 // b toggled off again
        assertFalse(fb.hold(2, bits));
        assertTrue(fb.hold(1, bits));
        fb.apply(4, bits);
        assertFalse(fb.hold(1, bits));
        assertTrue(fb.hold(3, bits));
        assertFalse(fb.hold(1, new BitSet()), "bits of another flow");
    }
}
