package io.smbwatch.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnomalyKindTest {
    @Test
    void keysAreUniqueAndDescribed() {
        Set<String> keys = new HashSet<>();
        for (AnomalyKind k : AnomalyKind.values()) {
            assertTrue(keys.add(k.key()), "duplicate key " + k.key());
            assertFalse(k.description.isBlank(), k + " has no description");
            assertTrue(k.key().matches("[a-z0-9_]+(\\.[a-z0-9_]+)+"), k + ": " + k.key());
        }
    }

    @Test
    void applicationKindsNameTheirProtocolAndOthersDoNot() {
        for (AnomalyKind k : AnomalyKind.values()) {
            if (k.layer == AnomalyKind.Layer.APPLAYER) assertNotNull(k.appProto, k.name());
            else assertEquals(null, k.appProto, k.name());
        }
    }

    @Test
    void suricatasBareNameIsPrefixedInTheStatistics() {
        assertEquals("malformed_data", AnomalyKind.SMB_MALFORMED_DATA.event);
        assertEquals("smb.malformed_data", AnomalyKind.SMB_MALFORMED_DATA.key());
        assertEquals("nbss.desync", AnomalyKind.NBSS_DESYNC.key());
    }

    @Test
    void capsAreNamedAsCaps() {
        List<String> wrong = new ArrayList<>();
        for (AnomalyKind k : AnomalyKind.values()) {
            boolean named = k.key().endsWith("_cap") || k.key().endsWith("_too_long") || k == AnomalyKind.SHARD_TABLE_CLEARED
                    || k == AnomalyKind.PCAPNG_TOO_MANY_INTERFACES;
            if (k.cap != named) wrong.add(k.key());
        }
        assertTrue(wrong.isEmpty(), wrong.toString());
    }
}
