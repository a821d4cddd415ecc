package io.smbwatch.app.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.MessageListener;
import io.smbwatch.flow.Flow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Consumers sharing one {@link Transactions} get the same transactions, paired once, at their place. */
class TransactionsTest {
    @Test
    void consumersOfOneChainShareEachTransaction() throws IOException {
        Recorded rec = new Recorded(Path.of("samples", "smb-sample.pcap"));
        Transactions hub = new Transactions();
        List<SmbTransaction> a = new ArrayList<>(), b = new ArrayList<>();
        List<Flow> ends = new ArrayList<>();
        MessageListener first = hub.deliver(a::add);
        MessageListener second = hub.deliver(new TransactionListener() {
            @Override
            public void onTransaction(SmbTransaction tx) {
                b.add(tx);
            }

            @Override
            public void onFlowEnd(Flow flow) {
                ends.add(flow);
            }
        });
        for (Recorded.Event e : rec.events) {
            if (e.message() != null) {
                first.onMessage(e.message());
                second.onMessage(e.message());
            } else {
                first.onFlowEnd(e.ended());
                second.onFlowEnd(e.ended());
            }
        }
        List<SmbTransaction> alone = rec.replay().all;
        assertTrue(a.size() > 20);
        assertEquals(alone.size(), a.size(), "paired once: as many as one assembler makes");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertSame(a.get(i), b.get(i));
            assertEquals(alone.get(i).id(), a.get(i).id());
            assertSame(alone.get(i).last(), a.get(i).last());
        }
        assertTrue(!ends.isEmpty());
    }
}
