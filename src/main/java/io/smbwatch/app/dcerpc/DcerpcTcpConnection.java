package io.smbwatch.app.dcerpc;

import io.smbwatch.config.Limits;
import io.smbwatch.app.MessageListener;
import io.smbwatch.stats.SmbCounters;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;
import io.smbwatch.stats.Anomalies;
import java.util.ArrayList;
import java.util.List;

/**
 * DCERPC directly over TCP (the endpoint mapper on 135 and the ports it hands out): one
 * association per connection, each direction's in-order bytes cut into PDUs.
 */
public final class DcerpcTcpConnection {
    private final Flow flow;
    private final MessageListener listener;
    private final SmbCounters counters;
    private final DcerpcPipe pipe;
    private final List<SmbMessage> out = new ArrayList<>(4);
    private long tsSeconds;
    private int tsNanos;
    private int frameLen;

    public DcerpcTcpConnection(Flow flow, MessageListener listener, Anomalies anomalies, SmbCounters counters) {
        this(flow, listener, anomalies, counters, Limits.defaults());
    }

    /** @param limits the run's limits of a DCERPC association (dcerpc.*) */
    public DcerpcTcpConnection(Flow flow, MessageListener listener, Anomalies anomalies, SmbCounters counters, Limits limits) {
        this.flow = flow;
        this.listener = listener;
        this.counters = counters;
        this.pipe = new DcerpcPipe(anomalies, limits);
    }

    /** Time and wire length of the packet being processed. */
    public void setFrame(long seconds, int nanos, int len) {
        tsSeconds = seconds;
        tsNanos = nanos;
        frameLen = len;
    }

    /** In-order bytes of one direction. */
    public void onData(int dir, byte[] b, int off, int len, long frame) {
        SmbMessage carrier = new SmbMessage();
        carrier.flow = flow;
        carrier.frame = frame;
        carrier.firstFrame = frame;
        carrier.tsSeconds = tsSeconds;
        carrier.tsNanos = tsNanos;
        carrier.frameLen = frameLen;
        out.clear();
        pipe.onData(carrier, dir, b, off, len, out);
        for (SmbMessage m : out) {
            m.fields.add("dcerpc.transport", "tcp");
            counters.dcerpc++;
            listener.onMessage(m);
            m.stub = null;
        }
    }

    public void onGap(int dir) {
        pipe.onGap(dir);
    }

    public int held(int dir) {
        return pipe.held(dir);
    }
}
