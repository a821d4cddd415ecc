package io.smbwatch.app.tx;

import io.smbwatch.flow.Flow;

/**
 * Receives the transactions {@link TxAssembler} pairs, each once, in the order they complete; the
 * views a transaction's messages hold (payload, pipe data, stub) are valid only during the call.
 */
public interface TransactionListener {
    void onTransaction(SmbTransaction tx);

    /** A flow ended: its unanswered transactions were delivered just before. */
    default void onFlowEnd(Flow flow) {}
}
