package io.smbwatch.proto.nbss;

/** Receives what {@link NbssFramer} cuts out of one direction of a connection. */
public interface NbssListener {
    /**
     * A session message (type 0x00): its payload, normally one SMB message (or compound).
     * {@code truncated} is true when the message was longer than the framer keeps and only its
     * head is given. The bytes are valid only during the call. {@code firstFrame} carried the
     * message's first byte, {@code frame} completed it.
     */
    void onSessionMessage(byte[] b, int off, int len, boolean truncated, long firstFrame, long frame);

    /** A session-control packet (request 0x81, positive 0x82, negative 0x83, retarget 0x84, keepalive 0x85). */
    void onControl(int type, byte[] b, int off, int len, long frame);

    /** A message that was partly lost in a gap and is dropped. */
    void onMessageLost(long frame);

    /** The framer lost the message boundaries (gap, bad header) and will scan for the next one. */
    void onDesync(String why, long frame);

    /** The framer found a message boundary again after skipping {@code skipped} bytes. */
    void onResync(long skipped, long frame);
}
