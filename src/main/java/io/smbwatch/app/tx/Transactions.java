package io.smbwatch.app.tx;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.config.Limits;
import io.smbwatch.flow.Flow;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.stats.Capped;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link TxAssembler} shared by every consumer of a run: each consumer stays at its place in
 * the chain of message listeners ({@link #deliver}), and receives there the transactions the
 * current message (or flow end) completed, paired once for all of them. Every adapter of one
 * instance must see the same sequence of messages (one listener chain).
 */
public final class Transactions implements Capped {
    private final TxAssembler assembler;
    private final List<SmbTransaction> done = new ArrayList<>();
    private final TransactionListener collect = done::add;
    private SmbMessage current;
    private Flow ended;

    /** Transactions paired under the default limits. */
    public Transactions() {
        this(Limits.defaults());
    }

    /** @param limits the run's limits of pairing (tx.*) */
    public Transactions(Limits limits) {
        this.assembler = new TxAssembler(limits);
    }

    /** The transactions {@code m} completed; valid until the next message. */
    public List<SmbTransaction> completedBy(SmbMessage m) {
        if (m != current) {
            current = m;
            ended = null;
            done.clear();
            assembler.onMessage(m, collect);
        }
        return done;
    }

    /** The transactions the end of {@code flow} left unanswered. */
    public List<SmbTransaction> endedWith(Flow flow) {
        if (flow != ended) {
            ended = flow;
            current = null;
            done.clear();
            assembler.onFlowEnd(flow, collect);
        }
        return done;
    }

    /**
     * A message listener that hands {@code l} the transactions each message and flow end completes;
     * when {@code l} is a message listener too, it gets each message first.
     */
    public MessageListener deliver(TransactionListener l) {
        MessageListener messages = l instanceof MessageListener ml ? ml : null;
        return new MessageListener() {
            @Override
            public void onMessage(SmbMessage m) {
                if (messages != null) messages.onMessage(m);
                List<SmbTransaction> txs = completedBy(m);
                for (int i = 0; i < txs.size(); i++) l.onTransaction(txs.get(i));
            }

            @Override
            public void onFlowEnd(Flow flow) {
                List<SmbTransaction> txs = endedWith(flow);
                for (int i = 0; i < txs.size(); i++) l.onTransaction(txs.get(i));
                l.onFlowEnd(flow);
            }
        };
    }

    public TxAssembler assembler() {
        return assembler;
    }

    /** Requests handed on unanswered because a flow had too many waiting. */
    @Override
    public void countCaps(Anomalies into) {
        into.add(AnomalyKind.SMB_TX_PENDING_CAP, assembler.evicted());
    }
}
