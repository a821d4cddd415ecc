package io.smbwatch.stats;

/**
 * A component with caps of its own that hold state across flows (detectors, rule thresholds,
 * incidents, loggers): after the run it adds, by kind, how often each cap evicted or refused.
 * Caps of a flow's state are reported as they are hit instead, with their flow.
 */
public interface Capped {
    void countCaps(Anomalies into);
}
