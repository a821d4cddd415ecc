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
import io.smbwatch.detect.engine.Alert;
import io.smbwatch.detect.engine.AlertSink;
import io.smbwatch.detect.incident.Incident;
import io.smbwatch.detect.incident.Incidents;
import io.smbwatch.files.ExtractedFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Gathers, while captures are read, what the attribution report shows: per source host its
 * incidents, targets, accounts tried with their outcomes, files written, and a timeline; and the
 * totals the HTML report plots (messages and alerts over time, commands, statuses, top talkers).
 * Every table is bounded; what a cap leaves out is counted.
 */
public final class ReportBuilder implements MessageListener, TransactionListener, DetectionSink, AlertSink, ExtractedFile.Sink,
        Consumer<Incident> {
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
        /** files read, written or created, by access, path and content */
        public final Map<String, FileSeen> files = new LinkedHashMap<>();
        public final List<Incident> incidents = new ArrayList<>();
        public final List<String> timeline = new ArrayList<>();
        public long dropped;

        Source(String address) {
            this.address = address;
        }

        /** Times from every capture: the span is from the true earliest to the true latest. */
        void seen(long seconds) {
            firstSeconds = Math.min(firstSeconds, seconds);
            lastSeconds = Math.max(lastSeconds, seconds);
        }

        /** Whether any message or alert gave this source a time (a scanner may send no SMB message at all). */
        public boolean hasTimes() {
            return firstSeconds <= lastSeconds;
        }

        public int worstSeverity() {
            int w = 9;
            for (Incident i : incidents) w = Math.min(w, i.severity);
            return w;
        }
    }

    /**
     * A file a source moved: "read" or "written" (a transfer the file extraction rebuilt, with its
     * SHA-256 and size), or "created" (opened to create or overwrite; no data seen).
     */
    public static final class FileSeen {
        public final String path, access, sha256;
        public final long frame, size;

        FileSeen(String path, String access, long frame, String sha256, long size) {
            this.path = path;
            this.access = access;
            this.frame = frame;
            this.sha256 = sha256;
            this.size = size;
        }
    }

    private final Map<String, Source> sources = new LinkedHashMap<>();
    /** messages and alerts over time */
    final Activity activity = new Activity();
    final Map<String, Long> commands = new HashMap<>();
    final Map<String, Long> statuses = new HashMap<>();
    final Map<String, Long> talkersTo445 = new HashMap<>();
    /** servers by SMB messages sent to them */
    final Map<String, Long> smbTargets = new HashMap<>();
    final Map<String, Long> failedLogons = new HashMap<>();
    /** "src -> dst" -> alerts, for the attack graph */
    final Map<String, Long> attackEdges = new HashMap<>();
    long messages, alerts, keysDropped;
    private final Map<Long, String> lastUser = new HashMap<>();

    @Override
    public void onMessage(SmbMessage m) {
        messages++;
        boolean toServer = m.direction == io.smbwatch.flow.Flow.TO_SERVER;
        String client = toServer ? m.srcAddress() : m.dstAddress();
        String server = toServer ? m.dstAddress() : m.srcAddress();
        activity.add(m.tsSeconds, 0);
        count(commands, m.protocol + " " + m.commandName);
        if (m.response && m.status >= 0) count(statuses, statusName(m.status));
        if (toServer) {
            count(talkersTo445, client);
            count(smbTargets, server);
        }
        Source s = source(client);
        if (s == null) return;
        s.messages++;
        s.seen(m.tsSeconds);
        if (s.targets.containsKey(server) || s.targets.size() < maxPerSource) s.targets.merge(server, 1L, Long::sum);
        else s.dropped++;
        created(s, m);
    }

    /**
     * A Create that may make or overwrite a file (any disposition but FILE_OPEN) on a share known
     * not to be IPC$: named pipes are not files, and where the tree is unknown a pipe cannot be
     * told from a file.
     */
    private void created(Source s, SmbMessage m) {
        boolean smb2 = m.protocol.equals(SmbMessage.SMB2);
        SmbCommand cmd = smb2 ? Smb2Command.of(m.command) : m.protocol.equals(SmbMessage.SMB) ? Smb1Command.of(m.command) : null;
        if (m.response || (cmd != Smb2Command.CREATE && cmd != Smb1Command.NT_CREATE_ANDX)) return;
        String name = m.fields.getString(smb2 ? "smb2.filename" : "smb.file");
        Long disp = m.fields.getLong(smb2 ? "smb2.create.disposition" : "smb.create.disposition");
        if (name == null || name.isEmpty() || (disp != null && disp == 1) || pipe(m.tree, name)) return;
        String path = path(m.tree, name);
        for (FileSeen f : s.files.values()) if (f.path.equals(path) && !f.access.equals("read")) return;   // written or created already
        file(s, new FileSeen(path, "created", m.frame, null, -1));
    }

    static boolean pipe(String tree, String name) {
        if (tree == null) return true;
        String t = tree.toUpperCase(Locale.ROOT), n = name.toUpperCase(Locale.ROOT);
        return t.endsWith("\\IPC$") || t.equals("IPC$") || n.startsWith("\\PIPE\\") || n.startsWith("PIPE\\");
    }

    /** "\\\\server\\share" and "\\dir\\name" (SMB1 names start with a backslash) as one path. */
    static String path(String tree, String name) {
        String n = name == null ? "" : name;
        while (n.startsWith("\\")) n = n.substring(1);
        return tree == null ? n : tree + "\\" + n;
    }

    /** A transfer the file extraction finished: read (download) or written (upload), with its hash. */
    @Override
    public void onFile(ExtractedFile f) {
        Source s = source(f.flow().clientAddress());
        if (s == null) return;
        String access = f.direction() == io.smbwatch.flow.Flow.TO_SERVER ? "written" : "read";
        String path = f.name() != null ? path(f.share(), f.name()) : path(f.share(), "(FID " + f.fid() + ")");
        if (access.equals("written")) s.files.remove("created|" + path);
        file(s, new FileSeen(path, access, f.firstFrame(), f.sha256(), f.size()));
    }

    private void file(Source s, FileSeen f) {
        String key = f.access + "|" + f.path + (f.sha256 != null ? "|" + f.sha256 : "");
        if (s.files.containsKey(key)) return;
        if (s.files.size() < maxPerSource) s.files.put(key, f);
        else s.dropped++;
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
        activity.add(d.tsSeconds(), 1);
        if (!d.dst().isEmpty()) count(attackEdges, d.src() + " -> " + d.dst());
        Source s = source(d.src());
        if (s != null) {
            s.seen(d.tsSeconds());
            // a scanner's targets are known from its alerts only (no SMB message was sent)
            for (String t : Incidents.targets(d)) {
                if (s.targets.containsKey(t) || s.targets.size() < maxPerSource) s.targets.putIfAbsent(t, 0L);
                else s.dropped++;
            }
        }
        if (s != null && s.timeline.size() < maxPerSource) {
            s.timeline.add(io.smbwatch.capture.Timestamps.iso(d.tsSeconds(), d.tsNanos()) + "  " + d.detector() + ": " + d.explain());
        }
    }

    /** A rule's alert: counted, charted and on its source's timeline like a detection. */
    @Override
    public void onAlert(Alert a) {
        alerts++;
        activity.add(a.tsSeconds(), 1);
        String src = a.flow().srcAddress(a.direction()), dst = a.flow().dstAddress(a.direction());
        count(attackEdges, src + " -> " + dst);
        Source s = source(src);
        if (s == null) return;
        s.seen(a.tsSeconds());
        if (s.timeline.size() < maxPerSource) {
            s.timeline.add(io.smbwatch.capture.Timestamps.iso(a.tsSeconds(), a.tsNanos()) + "  sid:" + a.rule().sid() + ": " + a.rule().msg());
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
