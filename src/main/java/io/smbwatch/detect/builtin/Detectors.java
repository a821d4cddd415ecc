package io.smbwatch.detect.builtin;

import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.stats.Capped;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.SmbTransaction;
import io.smbwatch.app.tx.TransactionListener;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.DetectorConfig;
import io.smbwatch.flow.Flow;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in detectors that the configuration enables, run as one listener: of messages (checks
 * of one request) and of the app's transactions (verdicts that need the request with its answer).
 */
public final class Detectors implements MessageListener, TransactionListener, Capped {
    /** Every built-in detector id, in the order they run. */
    public static final List<String> IDS = List.of(TransNameOverflow.ID, SmbScan.ID, PasswordGuessing.ID, Ms17010.ID,
            NullSessionEnum.ID, Ms08067.ID, RemoteExec.ID);

    private final List<MessageListener> active = new ArrayList<>();
    private final List<TransactionListener> onTransactions = new ArrayList<>();

    public Detectors(DetectorConfig config, DetectionSink sink) {
        if (config.enabled(TransNameOverflow.ID)) active.add(new TransNameOverflow(config, sink));
        if (config.enabled(SmbScan.ID)) active.add(new SmbScan(config, sink));
        if (config.enabled(PasswordGuessing.ID)) active.add(new PasswordGuessing(config, sink));
        if (config.enabled(Ms17010.ID)) active.add(new Ms17010(config, sink));
        if (config.enabled(NullSessionEnum.ID)) active.add(new NullSessionEnum(config, sink));
        if (config.enabled(Ms08067.ID)) active.add(new Ms08067(config, sink));
        if (config.enabled(RemoteExec.ID)) active.add(new RemoteExec(config, sink));
        for (MessageListener d : active) if (d instanceof TransactionListener t) onTransactions.add(t);
    }

    @Override
    public void onMessage(SmbMessage m) {
        for (MessageListener d : active) d.onMessage(m);
    }

    @Override
    public void onTransaction(SmbTransaction tx) {
        for (TransactionListener d : onTransactions) d.onTransaction(tx);
    }

    @Override
    public void onFlowEnd(Flow flow) {
        for (MessageListener d : active) d.onFlowEnd(flow);
    }

    public int activeCount() {
        return active.size();
    }

    @Override
    public void countCaps(Anomalies into) {
        for (MessageListener d : active) if (d instanceof Capped c) c.countCaps(into);
    }
}
