package io.smbwatch.app.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.SmbTransaction.Kind;
import io.smbwatch.proto.dcerpc.DcerpcRecords;
import io.smbwatch.proto.smb.NtStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Pairing on real captures: the repo's samples and the shared local captures. */
class TxAssemblerTest {
    static final Path SHARED = Path.of("..", "shared", "pcaps");
    static final Path LOCAL = SHARED.resolve("local");
    static final Path ANDX = SHARED.resolve("suricata-verify/tests/smb-eicar-andx/smbandx.pcap");
    static final Path COMPOUND = SHARED.resolve("zeek/testing/btest/Traces/smb/smb2-multiple-pdus.pcap");

    static List<Path> captures() throws IOException {
        List<Path> l = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("samples"))) {
            s.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(l::add);
        }
        try (Stream<Path> s = Files.list(LOCAL)) {
            s.filter(p -> p.getFileName().toString().contains(".pcap")).sorted().forEach(l::add);
        }
        l.add(ANDX);
        l.add(COMPOUND);
        return l;
    }

    private static boolean smb(SmbMessage m) {
        return (SmbMessage.SMB.equals(m.protocol) || SmbMessage.SMB2.equals(m.protocol)) && m.flow.protocol == 6;
    }

    /** A Write or Read on IPC$: when it carried DCERPC it folds into the calls, not a transaction of its own. */
    private static boolean pipeCarrier(SmbMessage m) {
        boolean ipc = m.tree != null && m.tree.toUpperCase().endsWith("\\IPC$");
        return (ipc || m.dcerpcPipe) && (m.command == 8 || m.command == 9 || m.command == 0x2e || m.command == 0x2f);
    }

    @Test
    void everyRequestIsPairedOnceWithItsOwnResponse() throws IOException {
        int paired = 0;
        for (Path cap : captures()) {
            Recorded rec = new Recorded(cap);
            Recorded.Result r = rec.replay();
            Map<SmbMessage, Integer> seen = new IdentityHashMap<>();
            Map<Long, Set<Long>> ids = new HashMap<>();
            for (SmbTransaction tx : r.all) {
                assertTrue(ids.computeIfAbsent(tx.flow().id, k -> new HashSet<>()).add(tx.kind() == Kind.TCP_RPC ? -tx.id() : tx.id()),
                        cap + ": tx id " + tx.id() + " twice");
                if (tx.kind() != Kind.SMB) continue;
                SmbMessage rq = tx.request(), rs = tx.response();
                if (rq != null) seen.merge(rq, 1, Integer::sum);
                if (rq == null || rs == null) continue;
                paired++;
                assertFalse(rq.response, cap + ": request side is a response");
                assertTrue(rs.response, cap + ": response side is a request");
                assertTrue(rs.frame >= rq.frame, cap + ": response before its request");
                assertEquals(rq.messageId, rs.messageId, cap + " frame " + rq.frame);
                if (rq.protocol.equals(rs.protocol)) assertEquals(rq.command, rs.command, cap + " frame " + rq.frame);
                assertSame(rs, tx.last());
            }
            for (SmbMessage m : rec.messages()) {
                if (!smb(m) || m.response) continue;
                int n = seen.getOrDefault(m, 0);
                if (pipeCarrier(m)) assertTrue(n <= 1, cap + " frame " + m.frame);
                else assertEquals(1, n, cap + ": request in frame " + m.frame + " (" + m.commandName + ")");
            }
        }
        assertTrue(paired > 500, "paired " + paired);
    }

    @Test
    void interimPendingResponseGivesWayToTheFinalOne() throws IOException {
        Recorded rec = new Recorded(LOCAL.resolve("smb-impacket-cleartext.pcap"));
        List<SmbMessage> interim = new ArrayList<>();
        for (SmbMessage m : rec.messages()) {
            if (SmbMessage.SMB2.equals(m.protocol) && m.response && m.status == NtStatus.STATUS_PENDING) interim.add(m);
        }
        assertFalse(interim.isEmpty());
        Recorded.Result r = rec.replay();
        Set<SmbMessage> completing = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Map<SmbMessage, SmbTransaction> byResponse = new IdentityHashMap<>();
        for (SmbTransaction tx : r.all) {
            completing.add(tx.last());
            if (tx.response() != null) byResponse.put(tx.response(), tx);
        }
        int finals = 0;
        for (SmbMessage p : interim) {
            SmbMessage fin = finalAfter(rec.messages(), p);
            SmbTransaction tx = byResponse.get(p);
            if (fin != null) {
                finals++;
                assertNull(tx, "frame " + p.frame + ": the interim answer does not end its transaction");
                assertTrue(completing.contains(fin), "frame " + fin.frame + ": the final answer ends it");
            } else {
                assertNotNull(tx, "frame " + p.frame + ": without a final answer the interim one is kept");
                assertTrue(tx.pending());
                assertTrue(r.atFlowEnd.contains(tx), "delivered at flow end");
            }
        }
        assertTrue(finals > 0);
    }

    private static SmbMessage finalAfter(List<SmbMessage> all, SmbMessage p) {
        boolean after = false;
        for (SmbMessage m : all) {
            if (m == p) after = true;
            else if (after && m.flow == p.flow && m.response && SmbMessage.SMB2.equals(m.protocol)
                    && m.messageId == p.messageId && m.status != NtStatus.STATUS_PENDING) return m;
        }
        return null;
    }

    @Test
    void andxChainedCommandsAreTransactionsOfTheirOwn() throws IOException {
        Recorded rec = new Recorded(ANDX);
        Recorded.Result r = rec.replay();
        int chained = 0;
        for (SmbTransaction tx : r.all) {
            if (tx.kind() != Kind.SMB || tx.request() == null || tx.request().chainIndex == 0) continue;
            chained++;
            assertNotNull(tx.response(), "chained " + tx.request().commandName + " answered");
            assertEquals(tx.request().command, tx.response().command);
            assertTrue(tx.command() instanceof Smb1Command);
        }
        assertTrue(chained > 0, "the capture has AndX chains");
    }

    @Test
    void compoundMessagesPairOneByOne() throws IOException {
        int compound = 0;
        for (Path cap : List.of(COMPOUND)) {
            for (SmbTransaction tx : new Recorded(cap).replay().all) {
                if (tx.kind() != Kind.SMB || tx.request() == null || tx.response() == null || !tx.smb2()) continue;
                if (tx.request().chainIndex == 0) continue;
                compound++;
                assertEquals(tx.request().messageId, tx.response().messageId);
                assertEquals(tx.request().command, tx.response().command);
            }
        }
        assertTrue(compound > 0, "some capture has SMB2 compounds");
    }

    @Test
    void requestsNeverAnsweredComeAtFlowEnd() throws IOException {
        Recorded rec = new Recorded(LOCAL.resolve("smb2-session.pcap"));
        Recorded.Result r = rec.replay(m -> !m.response);
        long requests = rec.messages().stream().filter(m -> smb(m) && !m.response).count();
        assertTrue(requests > 10);
        assertEquals(r.all.size(), r.atFlowEnd.size(), "nothing completes before its flow ends");
        long smbTxs = 0;
        for (SmbTransaction tx : r.all) {
            assertTrue(tx.unanswered());
            assertNull(tx.response());
            if (tx.kind() == Kind.SMB) smbTxs++;
        }
        assertTrue(smbTxs > 0 && smbTxs <= requests);
        assertEquals(r.all.size(), r.assembler.unanswered());
    }

    @Test
    void responsesWithoutRequestsStillMakeTransactions() throws IOException {
        Recorded rec = new Recorded(LOCAL.resolve("smb2-session.pcap"));
        Recorded.Result r = rec.replay(m -> m.response);
        assertFalse(r.all.isEmpty());
        for (SmbTransaction tx : r.all) {
            assertNull(tx.request());
            assertNotNull(tx.first());
            assertTrue(tx.first().response);
        }
    }

    @Test
    void aFullPendingTableEvictsTheOldestAndCountsIt() throws IOException {
        SmbMessage model = null;
        for (SmbMessage m : new Recorded(LOCAL.resolve("smb2-session.pcap")).messages()) {
            if (smb(m) && SmbMessage.SMB2.equals(m.protocol)) {
                model = m;
                break;
            }
        }
        assertNotNull(model);
        TxAssembler a = new TxAssembler();
        List<SmbTransaction> out = new ArrayList<>();
        int n = io.smbwatch.config.Limit.TX_SMB_PENDING.defaultInt() + 10;
        for (int i = 0; i < n; i++) {
            SmbMessage m = new SmbMessage();
            m.flow = model.flow;
            m.protocol = SmbMessage.SMB2;
            m.command = Smb2Command.ECHO.code();
            m.messageId = 1000 + i;
            a.onMessage(m, out::add);
        }
        assertEquals(10, a.evicted());
        assertEquals(10, out.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(i + 1, out.get(i).id(), "oldest first");
            assertTrue(out.get(i).evicted() && out.get(i).unanswered());
            assertEquals(Smb2Command.ECHO, out.get(i).command());
        }
        a.onFlowEnd(model.flow, out::add);
        assertEquals(n, out.size());
    }

    @Test
    void fragmentedPipeCallsAreOneTransactionWithTheWholeCall() throws IOException {
        Recorded rec = new Recorded(Path.of("samples", "dcerpc-sample.pcap"));
        int fragmented = 0, calls = 0;
        for (SmbTransaction tx : rec.replay().all) {
            if (tx.kind() != Kind.PIPE_RPC) continue;
            calls++;
            DcerpcCall c = tx.call();
            assertSame(c, tx.payload());
            if (c.request() != null && c.response() != null) {
                assertEquals(c.request().messageId, c.response().messageId, "call_id");
                assertEquals(c.callId(), c.request().fields.getLong("dcerpc.cn_call_id"));
            }
            if (c.request() != null) {
                assertTrue(TxAssembler.lastFragment(c.request()), "the request's last fragment");
                assertTrue(tx.request() == null || !tx.request().response);
            }
            Long frags = c.fragments(c.response());
            if (c.requestType() == DcerpcRecords.REQUEST && frags != null && frags > 1) {
                fragmented++;
                assertEquals(DcerpcRecords.RESPONSE, c.responseType());
                assertNotNull(c.operation());
            }
        }
        assertTrue(calls > 10, "calls " + calls);
        assertTrue(fragmented > 0, "some response is cut into fragments");
    }

    @Test
    void tcpCallsPairBindWithAckAndRequestWithResponse() throws IOException {
        Path cap = Path.of("..", "shared", "pcaps", "arkime", "tests", "pcap", "dcerpc_synthetic.pcap");
        int binds = 0;
        for (SmbTransaction tx : new Recorded(cap).replay().all) {
            assertEquals(Kind.TCP_RPC, tx.kind());
            DcerpcCall c = tx.call();
            assertNull(tx.command());
            if (c.request() == null || c.response() == null) continue;
            assertEquals(c.request().messageId, c.response().messageId, "call_id");
            if (c.requestType() == DcerpcRecords.BIND) {
                binds++;
                assertEquals(DcerpcRecords.BIND_ACK, c.responseType());
                assertFalse(c.bindUuids().isEmpty());
            }
            assertNotEquals(DcerpcRecords.REQUEST, c.responseType());
        }
        assertTrue(binds > 0);
    }

    @Test
    void payloadsCarryTheCommandFacts() throws IOException {
        Recorded rec = new Recorded(LOCAL.resolve("smb2-session.pcap"));
        Set<Class<?>> kinds = new HashSet<>();
        for (SmbTransaction tx : rec.replay().all) {
            TxPayload p = tx.payload();
            kinds.add(p.getClass());
            if (p instanceof TxPayload.Negotiate n && tx.request() != null) {
                assertFalse(n.clientDialects().isEmpty());
                assertTrue(n.clientDialects().get(0).matches("[23]\\.[0-9?]{2}"), n.clientDialects().toString());
            } else if (p instanceof TxPayload.TreeConnect t) {
                assertNotNull(t.path());
            } else if (p instanceof TxPayload.Create c && c.succeeded()) {
                assertNotNull(c.fid());
                assertEquals(c.fid(), tx.response().fid);
            } else if (p instanceof TxPayload.ReadWrite rw) {
                assertEquals(tx.is(Smb2Command.WRITE), rw.write());
            }
        }
        assertTrue(kinds.contains(TxPayload.Negotiate.class) && kinds.contains(TxPayload.SessionSetup.class)
                && kinds.contains(TxPayload.TreeConnect.class) && kinds.contains(TxPayload.Create.class), kinds.toString());
    }
}
