package io.smbwatch.detect.builtin;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.Detection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link Detection} from the message that completed the evidence. */
final class Evidence {
    private Evidence() {}

    /** A detection whose evidence is a frame or two. */
    static Detection of(String detector, String name, int severity, SmbMessage m, List<Long> frames, String explain,
                        Map<String, Object> details) {
        return of(detector, name, severity, m, frames, frames.size(), explain, details);
    }

    /** @param keep the last frames kept as evidence (detect.evidence-frames) */
    static Detection of(String detector, String name, int severity, SmbMessage m, List<Long> frames, int keep, String explain,
                        Map<String, Object> details) {
        boolean toServer = m.direction == io.smbwatch.flow.Flow.TO_SERVER;
        // the acting side is the client for everything these detectors look at
        String src = toServer ? m.srcAddress() : m.dstAddress();
        int srcPort = toServer ? m.srcPort() : m.dstPort();
        String dst = toServer ? m.dstAddress() : m.srcAddress();
        int dstPort = toServer ? m.dstPort() : m.srcPort();
        List<Long> f = new ArrayList<>(frames.subList(Math.max(0, frames.size() - keep), frames.size()));
        return new Detection(detector, name, severity, src, srcPort, dst, dstPort, m.flow.eveId(), m.tsSeconds, m.tsNanos,
                f, explain, details == null ? Map.of() : new java.util.TreeMap<>(details));   // sorted: Map.of iterates in a per-run random order
    }
}
