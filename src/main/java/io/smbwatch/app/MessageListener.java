package io.smbwatch.app;

/** Receives every SMB message the pipeline dissects, in capture order. */
public interface MessageListener {
    void onMessage(SmbMessage m);

    /** Nothing is listening: lets the pipeline skip building text nobody reads. */
    MessageListener NONE = m -> { };
}
