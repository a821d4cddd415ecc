package io.smbwatch.detect;

import java.util.List;
import java.util.Map;

/**
 * What a protocol-aware detector concluded: which detector, about whom, from which frames, and
 * an explanation naming the fields and values that decided it.
 *
 * @param detector stable id ("password-guessing", "ms17-010", ...)
 * @param name     one-line title
 * @param severity 1 (high) to 3 (low), as Suricata's alert severity
 * @param src      the acting host (the attacker side)
 * @param dst      the target host, or "" when there are several (see details)
 * @param flowId   EVE flow_id ({@link io.smbwatch.flow.Flow#eveId}) of the flow of the deciding message
 * @param frames   frames that carry the evidence (bounded)
 * @param explain  the fields and values that decided it
 * @param details  extra structured facts (users tried, targets, counts)
 */
public record Detection(String detector, String name, int severity, String src, int srcPort, String dst, int dstPort,
                        long flowId, long tsSeconds, int tsNanos, List<Long> frames, String explain,
                        Map<String, Object> details) {
}
