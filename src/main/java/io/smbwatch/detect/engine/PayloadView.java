package io.smbwatch.detect.engine;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;

/**
 * The payload one inspection runs on, and where it came from: an SMB message (its NetBIOS frame),
 * a DCERPC PDU's stub, a packet or datagram payload, or a raw stream chunk. One view per engine,
 * filled again for each payload, so that routing allocates nothing; valid only during the call.
 */
final class PayloadView {
    /** The rule group it goes to ({@link RuleGroups#SMB_MSG}, ...). */
    int kind;
    Flow flow;
    EngineFlow state;
    int dir;
    byte[] buf;
    int off, len;
    /** A stream chunk or a whole message, not one packet's payload (flow:only_stream / no_stream). */
    boolean stream;
    /** The SMB message or DCERPC PDU inspected; null for packets and stream chunks. */
    SmbMessage message;
    long frame, seconds;
    int nanos;
    /** The application protocol of the flow as alerts name it ("smb", "dcerpc"), or null. */
    String app;
    /** For TCP packets and chunks: the flow was established before this packet (flow:established). */
    boolean established;
    /** The TCP flags of the packet for {@code flags} rules; -1 for every other payload. */
    int tcpFlags;

    /** Starts a payload: what it is, of which flow and direction. */
    PayloadView of(int kind, EngineFlow state, Flow flow, int dir, String app) {
        this.kind = kind;
        this.state = state;
        this.flow = flow;
        this.dir = dir;
        this.app = app;
        this.message = null;
        this.established = true;
        this.tcpFlags = -1;
        return this;
    }

    PayloadView bytes(byte[] b, int off, int len, boolean stream) {
        this.buf = b;
        this.off = off;
        this.len = len;
        this.stream = stream;
        return this;
    }

    PayloadView at(long frame, long seconds, int nanos) {
        this.frame = frame;
        this.seconds = seconds;
        this.nanos = nanos;
        return this;
    }
}
