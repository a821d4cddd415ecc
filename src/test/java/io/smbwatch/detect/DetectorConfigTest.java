package io.smbwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.config.DetectorSetting;
import io.smbwatch.detect.builtin.Detectors;
import io.smbwatch.detect.builtin.PasswordGuessing;
import io.smbwatch.detect.builtin.RemoteExec;
import io.smbwatch.detect.builtin.SmbScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorConfigTest {
    @Test
    void theConfigurationKnowsEveryDetectorAndItsDefaults() {
        assertEquals(Detectors.IDS, DetectorSetting.DETECTORS);
        assertEquals(PasswordGuessing.FAILURES, DetectorSetting.PASSWORD_GUESSING_FAILURES.defaultValue());
        assertEquals(SmbScan.HOSTS, DetectorSetting.SMB_SCAN_HOSTS.defaultValue());
        assertEquals(RemoteExec.WINDOW, DetectorSetting.REMOTE_EXEC_WINDOW.defaultValue());
    }

    @Test
    void aBadDetectorFileIsRefusedWithItsLine(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("d.yaml");
        Files.writeString(yaml, "detectors:\n  smb-scan:\n    enabled: false\n  password-guessing:\n    window: -5\n");
        IOException e = assertThrows(IOException.class, () -> DetectorConfig.load(yaml));
        assertTrue(e.getMessage().endsWith("d.yaml:5: detectors.password-guessing.window: 1 to 2147483647, not -5"), e.getMessage());
        Files.writeString(yaml, "detectors:\n  smb-scan:\n    enabled: false\n");
        DetectorConfig c = DetectorConfig.load(yaml);
        assertFalse(c.enabled("smb-scan"));
        assertTrue(c.enabled("remote-exec"));
    }
}
