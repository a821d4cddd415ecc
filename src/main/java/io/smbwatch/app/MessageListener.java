package io.smbwatch.app;

/** Receives every SMB message the pipeline dissects, in capture order. */
public interface MessageListener {
    void onMessage(SmbMessage m);

    /** A flow left the flow table (closed, idle, evicted or end of input): flush its state. */
    default void onFlowEnd(io.smbwatch.flow.Flow flow) {}

    /** An anomaly was found (in capture order with the messages, as it is reported). */
    default void onAnomaly(io.smbwatch.stats.Anomalies.Anomaly anomaly) {}

    /** Nothing is listening: lets the pipeline skip building text nobody reads. */
    MessageListener NONE = m -> { };
}
