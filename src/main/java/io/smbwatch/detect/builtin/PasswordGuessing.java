package io.smbwatch.detect.builtin;

import io.smbwatch.config.Limit;
import io.smbwatch.config.DetectorSetting;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.stats.Capped;
import io.smbwatch.app.BoundedMap;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.SmbTransaction;
import io.smbwatch.app.tx.TransactionListener;
import io.smbwatch.app.tx.TxPayload;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.DetectorConfig;
import io.smbwatch.proto.smb.NtStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Repeated failed logons from one source: Session Setup transactions (SMB1 and SMB2) whose answer
 * says the credentials were refused, counted per source over a sliding window, against one host
 * or many. Fires when the count reaches the threshold, then again after as many more failures.
 * The user is the last one a Session Setup of the connection named.
 */
public final class PasswordGuessing implements MessageListener, TransactionListener, Capped {
    public static final String ID = "password-guessing";
    /**
     * Defaults: 4 refusals within 300 s. A person who mistypes a password rarely fails four times
     * in five minutes; a guessing tool does it in seconds.
     */
    public static final long FAILURES = DetectorSetting.PASSWORD_GUESSING_FAILURES.defaultValue(),
            WINDOW = DetectorSetting.PASSWORD_GUESSING_WINDOW.defaultValue();

    private static final Set<Long> REFUSED = Set.of(0xc000006dL /* LOGON_FAILURE */, 0xc000006aL /* WRONG_PASSWORD */,
            0xc0000064L /* NO_SUCH_USER */, 0xc000006eL /* ACCOUNT_RESTRICTION */, 0xc000006fL /* INVALID_LOGON_HOURS */,
            0xc0000070L /* INVALID_WORKSTATION */, 0xc0000071L /* PASSWORD_EXPIRED */, 0xc0000072L /* ACCOUNT_DISABLED */,
            0xc0000234L /* ACCOUNT_LOCKED_OUT */, 0xc0000224L /* PASSWORD_MUST_CHANGE */,
            0xf1020002L /* SMB1 DOS ERRSRV/ERRbadpw */);

    private static final class Failure {
        final long time;
        final String user, target;
        final long frame;

        Failure(long time, String user, String target, long frame) {
            this.time = time;
            this.user = user;
            this.target = target;
            this.frame = frame;
        }
    }

    private final DetectionSink sink;
    private final long threshold, window;
    private final BoundedMap<Long, String> lastUser;
    private final BoundedMap<String, ArrayDeque<Failure>> bySource;
    /** Frames kept as evidence (detect.evidence-frames). */
    private final int evidence;

    public PasswordGuessing(DetectorConfig c, DetectionSink sink) {
        this.sink = sink;
        this.lastUser = new BoundedMap<>(c.limits().getInt(Limit.DETECT_STATE));
        this.bySource = new BoundedMap<>(c.limits().getInt(Limit.DETECT_STATE));
        this.evidence = c.limits().getInt(Limit.DETECTION_FRAMES);
        this.threshold = Math.max(1, c.get(ID, "failures", FAILURES));
        this.window = c.get(ID, "window", WINDOW);
    }

    @Override
    public void onMessage(SmbMessage m) {
        // judged on transactions
    }

    @Override
    public void onTransaction(SmbTransaction tx) {
        if (tx.kind() != SmbTransaction.Kind.SMB || !(tx.payload() instanceof TxPayload.SessionSetup s)) return;
        SmbMessage rq = tx.request(), m = tx.response();
        if (rq != null) noteUser(rq, s);
        if (m == null || !REFUSED.contains(m.status)) return;
        refused(m);
    }

    /** The NTLMSSP user, else the SMB1 account (plain-text or LM logons), with its domain. */
    private void noteUser(SmbMessage rq, TxPayload.SessionSetup s) {
        String user = s.ntlm() != null ? s.ntlm().user() : null;
        String domain = s.ntlm() != null ? s.ntlm().domain() : null;
        if (user == null) user = rq.fields.getString("smb.account");
        if (user == null) return;
        if (domain == null) domain = rq.fields.getString("smb.primary_domain");
        lastUser.put(rq.flow.id, domain == null || domain.isEmpty() ? user : domain + "\\" + user);
    }

    @Override
    public void onFlowEnd(io.smbwatch.flow.Flow flow) {
        // the last user stays: a source's next connection may be refused too
    }

    private void refused(SmbMessage m) {
        String src = m.dstAddress();
        ArrayDeque<Failure> q = bySource.computeIfAbsent(src, k -> new ArrayDeque<>());
        q.addLast(new Failure(m.tsSeconds, lastUser.getOrDefault(m.flow.id, "?"), m.srcAddress(), m.frame));
        while (!q.isEmpty() && m.tsSeconds - q.peekFirst().time > window) q.removeFirst();
        if (q.size() < threshold) return;
        Set<String> users = new LinkedHashSet<>();
        Set<String> targets = new LinkedHashSet<>();
        List<Long> frames = new ArrayList<>();
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;   // captures read together need not be in time order
        for (Failure f : q) {
            first = Math.min(first, f.time);
            last = Math.max(last, f.time);
            users.add(f.user);
            targets.add(f.target);
            frames.add(f.frame);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("failures", q.size());
        details.put("users", new ArrayList<>(users));
        details.put("targets", new ArrayList<>(targets));
        String status = NtStatus.name((int) m.status);
        String explain = q.size() + " Session Setup responses refused the credentials of " + src + " within "
                + (last - first) + " s (threshold " + threshold + " in " + window + " s); last: "
                + (status != null ? status : String.format("0x%08x", m.status)) + " in frame " + m.frame
                + "; users tried: " + String.join(", ", users) + "; targets: " + String.join(", ", targets);
        sink.onDetection(Evidence.of(ID, "SMB password guessing from " + src, 1, m, frames, evidence, explain, details));
        q.clear();
    }

    @Override
    public void countCaps(Anomalies into) {
        into.add(AnomalyKind.DETECT_PASSWORD_GUESSING_CAP, lastUser.evicted() + bySource.evicted());
    }
}
