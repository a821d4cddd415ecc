package io.smbwatch.output;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;
import java.util.List;

/** Hands every event to several listeners, in order. */
public final class Listeners implements MessageListener {
    private final MessageListener[] all;

    public Listeners(List<MessageListener> listeners) {
        this.all = listeners.toArray(new MessageListener[0]);
    }

    @Override
    public void onMessage(SmbMessage m) {
        for (MessageListener l : all) l.onMessage(m);
    }

    @Override
    public void onFlowEnd(Flow flow) {
        for (MessageListener l : all) l.onFlowEnd(flow);
    }

    @Override
    public void onAnomaly(io.smbwatch.stats.Anomalies.Anomaly anomaly) {
        for (MessageListener l : all) l.onAnomaly(anomaly);
    }
}
