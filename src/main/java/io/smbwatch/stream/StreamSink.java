package io.smbwatch.stream;

/** Receives one direction of a TCP connection in order. */
public interface StreamSink {
    /** In-order bytes; the array is only valid during the call. {@code frame} is the frame that carried them. */
    void onData(byte[] b, int off, int len, long frame);

    /** {@code len} bytes are missing here (lost, not captured, or given up on). */
    void onGap(long len, long frame);
}
