package io.smbwatch.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Community ID v1 against the spec's own baseline (corelight/community-id-spec,
 * baseline/baseline_deflt.json and baseline_seed1.json): both directions of a flow give the
 * value listed there.
 */
class FlowIdsTest {
    @ParameterizedTest
    @CsvSource({
        "6, 128.232.110.120, 66.35.250.204, 34855, 80, 0, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
        "17, 192.168.1.52, 8.8.8.8, 54585, 53, 0, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
        "6, 2001:470:e5bf:dead:4957:2174:e82c:4887, 2607:f8b0:400c:c03::1a, 63943, 25, 0, 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
        "132, 192.168.170.8, 192.168.170.56, 7, 7, 0, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
        "6, 128.232.110.120, 66.35.250.204, 34855, 80, 1, 1:3V71V58M3Ksw/yuFALMcW0LAHvc=",
        "17, 192.168.1.52, 8.8.8.8, 54585, 53, 1, 1:Q9We8WO3piVF8yEQBNJF4uiSVrI=",
    })
    void specBaseline(int proto, String a, String b, int pa, int pb, int seed, String expected) {
        assertEquals(expected, FlowIds.communityId(FlowIds.parse(a), FlowIds.parse(b), proto, pa, pb, seed));
        assertEquals(expected, FlowIds.communityId(FlowIds.parse(b), FlowIds.parse(a), proto, pb, pa, seed));
        if (seed == 0) assertEquals(expected, FlowIds.communityId(b, pb, a, pa, proto));
    }

    @Test
    void onlyAddressLiterals() {
        assertNull(FlowIds.parse("example.com"));
        assertNull(FlowIds.parse("1.2.3"));
        assertNull(FlowIds.parse("1.2.3.256"));
        assertNull(FlowIds.parse(""));
        assertNull(FlowIds.communityId("10.0.0.1", 1, "", 445, 6));
    }
}
