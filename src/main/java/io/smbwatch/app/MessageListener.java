package io.smbwatch.app;

/** Receives every SMB message the pipeline dissects, in capture order. */
public interface MessageListener {
    void onMessage(SmbMessage m);

    /** A flow left the flow table (closed, idle, evicted or end of input): flush its state. */
    default void onFlowEnd(io.smbwatch.flow.Flow flow) {}

    /** Nothing is listening: lets the pipeline skip building text nobody reads. */
    MessageListener NONE = m -> { };
}
