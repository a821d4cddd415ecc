package io.smbwatch.report;

import io.smbwatch.config.Limit;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.Smb1Command;
import io.smbwatch.app.tx.Smb2Command;
import io.smbwatch.app.tx.SmbCommand;
import io.smbwatch.app.tx.SmbTransaction;
import io.smbwatch.app.tx.TransactionListener;
import io.smbwatch.app.tx.TxPayload;
import io.smbwatch.detect.Detection;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.incident.Incident;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Gathers, while captures are read, what the attribution report shows: per source host its
 * incidents, targets, accounts tried with their outcomes, files written, and a timeline; and the
 * totals the HTML report plots (messages and alerts per minute, commands, statuses, top talkers).
 * Every table is bounded; what a cap leaves out is counted.
 */
public final class ReportBuilder implements MessageListener, TransactionListener, DetectionSink, Consumer<Incident> {
    private final int maxSources, maxPerSource, maxKeys;

    public ReportBuilder() {
        this(Limit.REPORT_SOURCES.defaultInt(), Limit.REPORT_PER_SOURCE.defaultInt(), Limit.REPORT_KEYS.defaultInt());
    }

    /** Caps of limits.report.sources, per-source and keys. */
    public ReportBuilder(int maxSources, int maxPerSource, int maxKeys) {
        this.maxSources = maxSources;
        this.maxPerSource = maxPerSource;
        this.maxKeys = maxKeys;
    }

    /** What one source did. */
    public static final class Source {
        public final String address;
        public long messages, firstSeconds = Long.MAX_VALUE, lastSeconds = Long.MIN_VALUE;
        public final Map<String, Long> targets = new LinkedHashMap<>();
        /** "DOMAIN\\user" -> {ok, refused} */
        public final Map<String, long[]> accounts = new LinkedHashMap<>();
        /** files written: "share\\name" -> first frame */
        public final Map<String, Long> filesWritten = new LinkedHashMap<>();
        public final List<Incident> incidents = new ArrayList<>();
        public final List<String> timeline = new ArrayList<>();
        public long dropped;

        Source(String address) {
            this.address = address;
        }

        public int worstSeverity() {
            int w = 9;
            for (Incident i : incidents) w = Math.min(w, i.severity);
            return w;
        }
    }

    private final Map<String, Source> sources = new LinkedHashMap<>();
    /** minute (epoch seconds / 60) -> {messages, alerts} */
    final TreeMap<Long, long[]> perMinute = new TreeMap<>();
    final Map<String, Long> commands = new HashMap<>();
    final Map<String, Long> statuses = new HashMap<>();
    final Map<String, Long> talkersTo445 = new HashMap<>();
    /** servers by SMB messages sent to them */
    final Map<String, Long> smbTargets = new HashMap<>();
    final Map<String, Long> failedLogons = new HashMap<>();
    /** "src -> dst" -> alerts, for the attack graph */
    final Map<String, Long> attackEdges = new HashMap<>();
    long messages, alerts, keysDropped;
    /**
     * Hook for file extraction: "share\\name" (the keys of {@link Source#filesWritten}) -> SHA-256 in
     * hex. Empty until extraction fills it; the reports then show "n/a".
     */
    public final Map<String, String> fileHashes = new LinkedHashMap<>();
    private final Map<Long, String> lastUser = new HashMap<>();

    @Override
    public void onMessage(SmbMessage m) {
        messages++;
        boolean toServer = m.direction == io.smbwatch.flow.Flow.TO_SERVER;
        String client = toServer ? m.srcAddress() : m.dstAddress();
        String server = toServer ? m.dstAddress() : m.srcAddress();
        bump(perMinute, m.tsSeconds / 60, 0);
        count(commands, m.protocol + " " + m.commandName);
        if (m.response && m.status >= 0) count(statuses, statusName(m.status));
        if (toServer) {
            count(talkersTo445, client);
            count(smbTargets, server);
        }
        Source s = source(client);
        if (s == null) return;
        s.messages++;
        s.firstSeconds = Math.min(s.firstSeconds, m.tsSeconds);
        s.lastSeconds = Math.max(s.lastSeconds, m.tsSeconds);
        if (s.targets.containsKey(server) || s.targets.size() < maxPerSource) s.targets.merge(server, 1L, Long::sum);
        else s.dropped++;
        boolean smb2 = m.protocol.equals(SmbMessage.SMB2);
        SmbCommand cmd = smb2 ? Smb2Command.of(m.command) : m.protocol.equals(SmbMessage.SMB) ? Smb1Command.of(m.command) : null;
        if (!m.response && (cmd == Smb2Command.CREATE || cmd == Smb1Command.NT_CREATE_ANDX)) {
            String name = m.fields.getString(smb2 ? "smb2.filename" : "smb.file");
            Long disp = m.fields.getLong(smb2 ? "smb2.create.disposition" : "smb.create.disposition");
            boolean writes = disp == null || disp != 1;   // anything but FILE_OPEN may create or overwrite
            if (name != null && !name.isEmpty() && writes && (m.tree == null || !m.tree.toUpperCase(Locale.ROOT).endsWith("IPC$"))) {
                String key = (m.tree != null ? m.tree + "\\" : "") + name;
                if (s.filesWritten.size() < maxPerSource) s.filesWritten.putIfAbsent(key, m.frame);
                else if (!s.filesWritten.containsKey(key)) s.dropped++;
            }
        }
    }

    /** Logons: the account a Session Setup named (else the connection's last one) and the outcome. */
    @Override
    public void onTransaction(SmbTransaction tx) {
        if (tx.kind() != SmbTransaction.Kind.SMB || !(tx.payload() instanceof TxPayload.SessionSetup ss)) return;
        SmbMessage rq = tx.request(), m = tx.response();
        if (rq != null) noteUser(rq, ss);
        if (m == null || m.status == 0xc0000016L) return;      // MORE_PROCESSING_REQUIRED is a step, not an outcome
        String client = m.direction == io.smbwatch.flow.Flow.TO_SERVER ? m.srcAddress() : m.dstAddress();
        Source s = sources.get(client);
        if (s == null) return;
        String account = lastUser.getOrDefault(m.flow.id, "(not seen)");
        boolean ok = m.status == 0;
        long[] c = s.accounts.get(account);
        if (c == null && s.accounts.size() < maxPerSource) s.accounts.put(account, c = new long[2]);
        if (c != null) c[ok ? 0 : 1]++;
        if (!ok) count(failedLogons, client);
    }

    private void noteUser(SmbMessage rq, TxPayload.SessionSetup ss) {
        String user = ss.ntlm() != null ? ss.ntlm().user() : rq.fields.getString("smb.account");
        if (user == null) return;
        String domain = ss.ntlm() != null ? ss.ntlm().domain() : null;
        lastUser.put(rq.flow.id, (domain == null || domain.isEmpty() ? "" : domain + "\\") + (user.isEmpty() ? "(anonymous)" : user));
    }

    @Override
    public void onFlowEnd(io.smbwatch.flow.Flow flow) {
        // per-flow memory goes with the capture (nextCapture)
    }

    /** A new capture starts: flow ids start again, so per-flow memory is cleared. */
    public void nextCapture() {
        lastUser.clear();
    }

    @Override
    public void onDetection(Detection d) {
        alerts++;
        bump(perMinute, d.tsSeconds() / 60, 1);
        if (!d.dst().isEmpty()) count(attackEdges, d.src() + " -> " + d.dst());
        Source s = source(d.src());
        if (s != null && s.timeline.size() < maxPerSource) {
            s.timeline.add(io.smbwatch.capture.Timestamps.iso(d.tsSeconds(), d.tsNanos()) + "  " + d.detector() + ": " + d.explain());
        }
    }

    /** A closed incident. */
    @Override
    public void accept(Incident i) {
        Source s = source(i.source);
        if (s != null) s.incidents.add(i);
    }

    private Source source(String address) {
        Source s = sources.get(address);
        if (s == null && sources.size() < maxSources) sources.put(address, s = new Source(address));
        return s;
    }

    private void count(Map<String, Long> m, String key) {
        if (m.containsKey(key) || m.size() < maxKeys) m.merge(key, 1L, Long::sum);
        else keysDropped++;
    }

    private static void bump(TreeMap<Long, long[]> m, long minute, int which) {
        m.computeIfAbsent(minute, k -> new long[2])[which]++;
    }

    static String statusName(long st) {
        if ((st & 0xff000000L) == 0xf1000000L) return String.format("DOS error class %d code %d", (st >>> 16) & 0xff, st & 0xffff);
        String n = io.smbwatch.proto.smb.NtStatus.name((int) st);
        return n != null ? n : String.format("0x%08x", st);
    }

    /** Sources that had incidents, worst severity first, then most alerts; then the rest by activity. */
    public List<Source> ranked() {
        List<Source> l = new ArrayList<>(sources.values());
        l.sort(Comparator.comparingInt(Source::worstSeverity)
                .thenComparing(Comparator.comparingLong((Source s) -> s.incidents.stream().mapToLong(i -> i.count).sum()).reversed())
                .thenComparing(Comparator.comparingLong((Source s) -> s.messages).reversed()));
        return l;
    }
}
