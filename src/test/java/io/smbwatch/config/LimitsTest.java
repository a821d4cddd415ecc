package io.smbwatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.pipeline.Settings;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LimitsTest {
    @Test
    void everyLimitHasAUniqueKeyADefaultInItsRangeAndAReason() {
        Set<String> keys = new HashSet<>();
        for (Limit l : Limit.values()) {
            assertTrue(keys.add(l.key()), "duplicate key " + l.key());
            assertTrue(l.key().matches("[a-z0-9]+(\\.[a-z0-9-]+)+"), l.key());
            assertTrue(l.defaultValue() >= l.min() && l.defaultValue() <= l.max(), l.key());
            assertTrue(l.reason().length() > 20, l.key());
            assertEquals(l, Limit.byKey(l.key()));
        }
        assertNull(Limit.byKey("smb2.sesions"));
    }

    @Test
    void valuesAreDefaultsUntilSetAndSettingMakesACopy() {
        Limits d = Limits.defaults();
        Limits set = d.with(Limit.FLOWS, 7);
        assertEquals(100_000, d.getInt(Limit.FLOWS));
        assertEquals(7, set.getInt(Limit.FLOWS));
        assertEquals(1, set.changed().size());
        assertEquals(set, Limits.defaults().with(Limit.FLOWS, 7));
    }

    @Test
    void fixedLimitsAndValuesOutOfRangeAreRefusedNamingTheKey() {
        IllegalArgumentException fixed = assertThrows(IllegalArgumentException.class,
                () -> Limits.defaults().with(Limit.NBSS_LENGTH, 5));
        assertTrue(fixed.getMessage().contains("limits.nbss.length: fixed at 16777215"), fixed.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Limits.defaults().with(Limit.MESSAGE, 0x1000000));
        assertTrue(range.getMessage().contains("limits.nbss.message-size"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Limits.defaults().with(Limit.FLOWS, -5));
    }

    @Test
    void pipelineSettingsReadTheLimits() {
        Settings s = Settings.of(Limits.defaults().with(Limit.FLOW_IDLE_TIMEOUT, 42).with(Limit.STREAM_OUT_OF_ORDER, 1000));
        assertEquals(42, s.idleTimeout());
        assertEquals(1000, s.maxOutOfOrderPerDirection());
        assertEquals(0xffffff, Settings.defaults().maxMessage());
        assertEquals(5, Settings.defaults().closedTimeout());
        assertEquals(64L << 20, Settings.defaults().maxOutOfOrderTotal());
    }
}
