package io.smbwatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.config.Limit;
import io.smbwatch.config.Limits;
import io.smbwatch.corpus.Shared;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The limits of a run's configuration reach the state they bound (through the pipeline's constructor). */
class ConfiguredLimitsTest {
    private static Pipeline run(Limits limits) throws IOException {
        Shared.require("local/smb-loopback.pcap");
        Pipeline p = new Pipeline(Settings.of(limits), m -> { });
        try (CaptureReader r = Captures.open(Shared.pcap("local/smb-loopback.pcap").toString(), p.anomalies())) {
            p.run(r);
        }
        return p;
    }

    @Test
    void smb2StateCapsComeFromTheLimits() throws IOException {
        Pipeline whole = run(Limits.defaults());
        assertEquals(0, whole.smb2Shared().evictions());
        Pipeline capped = run(Limits.defaults().with(Limit.SMB2_FILES, 1));
        assertTrue(capped.smb2Shared().openFiles() <= 1);
        assertTrue(capped.smb2Shared().evictions() > 0, "a cap of one file evicts on a capture that opens several");
    }

    @Test
    void pipeCapOfEachConnectionComesFromTheLimits() throws IOException {
        Pipeline whole = run(Limits.defaults());
        Pipeline capped = run(Limits.defaults().with(Limit.DCERPC_PIPES, 1));
        long before = whole.anomalies().counts().entrySet().stream().filter(e -> e.getKey().key().equals("dcerpc.pipe_cap"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        long after = capped.anomalies().counts().entrySet().stream().filter(e -> e.getKey().key().equals("dcerpc.pipe_cap"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        assertEquals(0, before);
        assertTrue(after > 0, "one pipe at a time on a connection that opens several");
    }
}
