package io.smbwatch.files;

import io.smbwatch.config.Limit;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.app.tx.Smb1Command;
import io.smbwatch.app.tx.Smb2Command;
import io.smbwatch.app.tx.SmbCommand;
import io.smbwatch.app.tx.SmbTransaction;
import io.smbwatch.app.tx.TransactionListener;
import io.smbwatch.app.tx.TxPayload.ReadWrite;
import io.smbwatch.flow.Flow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds the files read and written over SMB1 (Read/Write AndX) and SMB2/3 (Read/Write) from
 * the data of the messages, and hashes them.
 *
 * <p>Each transfer (file handle × direction) is a {@link Transfer}: its bytes are hashed as they
 * come, in offset order, and a temporary file is written only for the bytes that come before
 * those they follow, or for every byte when the files are kept. A Read's data comes in the
 * response, whose offset is its request's: the app's transactions pair them
 * ({@link io.smbwatch.app.tx.TxAssembler}). When the client closes the file (SMB Close) or the
 * last flow that carried it ends, the transfer's digests are final (holes skipped and reported
 * as gaps) and its type is told from its first bytes. A kept file becomes
 * {@code DIR/<sha256>} (mode 0600), once per content; {@code DIR/<sha256>.json} beside it gets one
 * JSON line per transfer of that content.
 *
 * <p>Named pipes (IPC$ trees, DCERPC traffic) are not files and are skipped. Memory per transfer
 * is a few objects plus the covered ranges (capped) and its share of the reorder memory;
 * transfers open at once are capped per flow and in total, and what the caps drop is counted.
 */
public final class FileExtractor implements MessageListener, TransactionListener, AutoCloseable, io.smbwatch.stats.Capped {

    private static final long STATUS_BUFFER_OVERFLOW = 0x80000005L;

    /** Counts of what happened; the caps' hits are what was dropped. */
    public static final class Counters {
        public long files, stored, bytes, perFlowCapHits, totalCapHits, rangeCapHits, sizeCapHits, ioErrors, pipeChunks,
                unpairedReads;
    }

    private final Path storeDir;
    private final TempFiles temps;
    private final List<ExtractedFile.Sink> sinks = new ArrayList<>();
    private final int maxPerFlow, maxTotal, maxRanges;
    private final long maxSize;
    private final Set<Digests.Hash> hashes;
    private final Transfer.Memory memory;
    private final LinkedHashMap<String, Transfer> open = new LinkedHashMap<>();
    private final Map<Long, Integer> openPerFlow = new HashMap<>();
    private final Counters counters = new Counters();
    private long nextId;

    @Override
    public void countCaps(io.smbwatch.stats.Anomalies into) {
        Counters c = counters;
        into.add(io.smbwatch.stats.AnomalyKind.FILES_CAP, c.perFlowCapHits + c.totalCapHits + c.rangeCapHits + c.sizeCapHits);
    }

    /**
     * @param storeDir where to keep the files ({@code <sha256>} and {@code <sha256>.json}), or
     *                 null to hash them only
     */
    public FileExtractor(Path storeDir) throws IOException {
        this(storeDir, Limit.FILES_PER_FLOW.defaultInt(), Limit.FILES_TOTAL.defaultInt(), Limit.FILE_RANGES.defaultInt(),
                Limit.FILE_SIZE.defaultValue());
    }

    public FileExtractor(Path storeDir, int maxPerFlow, int maxTotal, int maxRanges, long maxSize) throws IOException {
        this(storeDir, maxPerFlow, maxTotal, maxRanges, maxSize, io.smbwatch.config.Config.Outputs.DEFAULT_HASHES,
                Limit.FILES_REORDER_MEMORY.defaultValue());
    }

    /**
     * @param hashes        any of "sha256", "sha1", "md5" (Suricata's {@code force-hash})
     * @param reorderMemory bytes of out-of-order data held in memory over all transfers
     */
    public FileExtractor(Path storeDir, int maxPerFlow, int maxTotal, int maxRanges, long maxSize, Set<String> hashes,
                         long reorderMemory) throws IOException {
        this.storeDir = storeDir;
        if (storeDir != null) Files.createDirectories(storeDir);
        this.hashes = hashSet(hashes);
        this.temps = new TempFiles(storeDir);
        this.maxPerFlow = maxPerFlow;
        this.maxTotal = maxTotal;
        this.maxRanges = maxRanges;
        this.maxSize = maxSize;
        this.memory = new Transfer.Memory(reorderMemory);
    }

    /** The hashes of a name list; unknown names are refused (the configuration checks them first). */
    private static Set<Digests.Hash> hashSet(Set<String> names) {
        Set<Digests.Hash> r = java.util.EnumSet.noneOf(Digests.Hash.class);
        for (String n : names) r.add(Digests.Hash.valueOf(n.toUpperCase(java.util.Locale.ROOT)));
        return r;
    }

    public FileExtractor addSink(ExtractedFile.Sink sink) {
        sinks.add(sink);
        return this;
    }

    public Counters counters() {
        return counters;
    }

    @Override
    public void onMessage(SmbMessage m) {
        boolean smb2 = SmbMessage.SMB2.equals(m.protocol);
        if (!smb2 && !SmbMessage.SMB.equals(m.protocol)) return;
        if (m.flow == null || m.flow.protocol != 6) return;
        SmbCommand cmd = smb2 ? Smb2Command.of(m.command) : Smb1Command.of(m.command);
        if (cmd == Smb2Command.WRITE || cmd == Smb1Command.WRITE_ANDX) {
            if (m.response || m.pipeData == null || m.fid == null) return;
            if (pipe(m.tree, m)) { counters.pipeChunks++; return; }
            Long off = m.fields.getLong(smb2 ? "smb2.file_offset" : "smb.offset");
            if (off == null) return;
            Long declared = m.fields.getLong(smb2 ? "smb2.write_length" : "smb.data_len");
            chunk(m, Flow.TO_SERVER, m.fid, m.file, m.tree, off, m.pipeData, m.pipeOff, m.pipeLen, declared);
        } else if (cmd == Smb2Command.CLOSE || cmd == Smb1Command.CLOSE) {
            if (m.response || m.fid == null) return;
            String base = baseKey(m, m.fid);
            finish(open.get(base + "|up"), true);
            finish(open.get(base + "|down"), true);
        }
    }

    /**
     * A Read's data comes in its final response, at the offset its request asked (the app pairs
     * them; an interim STATUS_PENDING answer carries none).
     */
    @Override
    public void onTransaction(SmbTransaction tx) {
        if (tx.kind() != SmbTransaction.Kind.SMB || !(tx.payload() instanceof ReadWrite rw) || rw.write()) return;
        SmbMessage rq = tx.request(), m = tx.response();
        if (m == null || m.flow == null || m.flow.protocol != 6) return;
        if (m.pipeData == null || m.pipeLen <= 0) return;
        if (m.status != 0 && m.status != STATUS_BUFFER_OVERFLOW && m.status != SmbMessage.NO_STATUS) return;
        if (rq == null || rw.offset() == null || rq.fid == null) { counters.unpairedReads++; return; }
        String tree = rq.tree != null ? rq.tree : m.tree;
        if (pipe(tree, m)) { counters.pipeChunks++; return; }
        Long declared = m.fields.getLong(tx.smb2() ? "smb2.read_length" : "smb.data_len");
        chunk(m, Flow.TO_CLIENT, rq.fid, rq.file != null ? rq.file : m.file, tree, rw.offset(), m.pipeData, m.pipeOff,
                m.pipeLen, declared);
    }

    /** Named pipes are DCERPC (or other IPC), not files. */
    private static boolean pipe(String tree, SmbMessage m) {
        if (!m.dcerpc.isEmpty()) return true;
        if (tree != null && tree.toUpperCase(java.util.Locale.ROOT).endsWith("\\IPC$")) return true;
        String f = m.file;
        return f != null && f.toUpperCase(java.util.Locale.ROOT).startsWith("\\PIPE\\");
    }

    /**
     * SMB2 FileIds are the server's (MS-SMB2 §3.3.1.10: one open table per server, used across
     * the connections of a multichannel session); SMB1 FIDs belong to one connection.
     */
    private static String baseKey(SmbMessage m, String fid) {
        if (SmbMessage.SMB2.equals(m.protocol)) return "2|" + m.flow.serverAddress() + "|" + m.flow.serverPort + "|" + fid;
        return "1|" + m.flow.id + "|" + fid;
    }

    private void chunk(SmbMessage m, int direction, String fid, String name, String tree, long offset,
                       byte[] data, int off, int len, Long declared) {
        if (len <= 0) return;
        String key = baseKey(m, fid) + (direction == Flow.TO_SERVER ? "|up" : "|down");
        Transfer o = open.get(key);
        if (o == null) {
            if (open.size() >= maxTotal) { counters.totalCapHits++; return; }
            if (openPerFlow.getOrDefault(m.flow.id, 0) >= maxPerFlow) { counters.perFlowCapHits++; return; }
            try {
                o = new Transfer(key, ++nextId, m, direction, fid, maxRanges, new Digests(hashes), temps, storeDir != null, memory);
            } catch (IOException e) {
                counters.ioErrors++;
                return;
            }
            open.put(key, o);
            openPerFlow.merge(m.flow.id, 1, Integer::sum);
        }
        if (o.name == null) o.name = name;
        if (o.share == null) o.share = tree;
        if (o.user == null) o.user = m.user;
        o.sessionId = m.sessionId;
        o.treeId = m.treeId;
        o.flows.add(m.flow.id);
        o.lastFrame = m.frame;
        o.lastSeconds = m.tsSeconds;
        o.lastNanos = m.tsNanos;
        if (declared != null && declared > len && offset >= 0 && offset + declared <= maxSize) {
            // the message was cut (a hole in the capture, a snaplen): its missing tail is a gap
            o.declaredEnd = Math.max(o.declaredEnd, offset + declared);
        }
        if (offset < 0 || offset + len > maxSize || offset + len < 0) {
            o.capped = true;
            counters.sizeCapHits++;
            if (offset < 0 || offset >= maxSize) return;
            len = (int) (maxSize - offset);
        }
        try {
            long taken = o.add(offset, data, off, len);
            if (taken < 0) {
                o.capped = true;
                counters.rangeCapHits++;
            } else {
                counters.bytes += taken;
            }
        } catch (IOException e) {
            counters.ioErrors++;
            o.capped = true;
        }
    }

    @Override
    public void onFlowEnd(Flow flow) {
        List<Transfer> done = new ArrayList<>();
        for (Transfer o : open.values()) {
            if (o.flows.remove(flow.id) && o.flows.isEmpty()) done.add(o);
        }
        for (Transfer o : done) finish(o, false);
    }

    /** Final digests, the stored copy and the report of a transfer; frees what it held. */
    private void finish(Transfer o, boolean closed) {
        if (o == null) return;
        open.remove(o.key);
        openPerFlow.computeIfPresent(o.flow.id, (k, v) -> v > 1 ? v - 1 : null);
        long size = Math.max(o.ranges.end(), o.declaredEnd);
        boolean gaps = o.ranges.hasGaps() || o.ranges.end() < size;
        Map<Digests.Hash, String> digest;
        Path content;
        try {
            digest = o.finish();
            content = o.content();
        } catch (IOException e) {
            counters.ioErrors++;
            o.discard();
            return;
        }
        String sha256 = digest.get(Digests.Hash.SHA256);
        ExtractedFile f = new ExtractedFile(o.id, o.flow, o.direction, o.protocol, o.name, o.share, o.fid, size,
                gaps, closed, o.capped, sha256, digest.get(Digests.Hash.MD5), o.magic(), null,
                o.firstFrame, o.lastFrame, o.firstSeconds, o.firstNanos, o.lastSeconds, o.lastNanos, o.sessionId, o.treeId,
                o.user, digest.get(Digests.Hash.SHA1));
        if (content != null) f = store(f, content, digest);
        o.discard();
        counters.files++;
        for (ExtractedFile.Sink s : sinks) s.onFile(f);
    }

    /**
     * Moves the content to {@code DIR/<name>} (a rename in the same file system: the link
     * itself, never through it) and writes its sidecar; named by SHA-256, or by the first hash
     * computed when SHA-256 is not.
     */
    private ExtractedFile store(ExtractedFile f, Path content, Map<Digests.Hash, String> digest) {
        String name = digest.values().iterator().next();
        Path stored = storeDir.resolve(name);
        try {
            if (Files.exists(stored, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(content);
            } else {
                Files.move(content, stored, StandardCopyOption.ATOMIC_MOVE);
                counters.stored++;
            }
            f = withStored(f, stored);
            appendSidecar(storeDir.resolve(name + ".json"), f);
        } catch (FileAlreadyExistsException e) {
            // another transfer of the same content stored it meanwhile
        } catch (IOException e) {
            counters.ioErrors++;
        }
        return f;
    }

    private static ExtractedFile withStored(ExtractedFile f, Path p) {
        return new ExtractedFile(f.id(), f.flow(), f.direction(), f.protocol(), f.name(), f.share(), f.fid(), f.size(),
                f.gaps(), f.closed(), f.capped(), f.sha256(), f.md5(), f.magic(), p, f.firstFrame(), f.lastFrame(),
                f.firstSeconds(), f.firstNanos(), f.lastSeconds(), f.lastNanos(), f.sessionId(), f.treeId(), f.user(), f.sha1());
    }

    /**
     * One line per transfer of that content (JSON Lines, as eve.json): every transfer is kept, from
     * this run and from earlier runs into the same directory, at a line's cost each. Opened
     * without following a link (O_NOFOLLOW): a link planted at the name makes the line fail and
     * count as an I/O error, never a write elsewhere.
     */
    private static void appendSidecar(Path p, ExtractedFile f) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(512);
        try (JsonGenerator g = new JsonFactory().createGenerator(line)) {
            Flow fl = f.flow();
            g.writeStartObject();
            g.writeStringField("name", f.name());
            g.writeStringField("share", f.share());
            g.writeStringField("client", fl.clientAddress());
            g.writeNumberField("client_port", fl.clientPort);
            g.writeStringField("server", fl.serverAddress());
            g.writeNumberField("server_port", fl.serverPort);
            g.writeStringField("protocol", f.protocol());
            g.writeStringField("user", f.user());
            g.writeStringField("fid", f.fid());
            g.writeStringField("direction", f.directionName());
            g.writeNumberField("size", f.size());
            g.writeStringField("sha256", f.sha256());
            g.writeStringField("md5", f.md5());
            if (f.sha1() != null) g.writeStringField("sha1", f.sha1());
            g.writeStringField("magic", f.magic());
            g.writeBooleanField("truncated", f.truncated());
            g.writeBooleanField("gaps", f.gaps());
            g.writeStringField("state", f.truncated() ? "TRUNCATED" : "CLOSED");
            g.writeNumberField("first_frame", f.firstFrame());
            g.writeNumberField("last_frame", f.lastFrame());
            g.writeStringField("first_time", io.smbwatch.capture.Timestamps.iso(f.firstSeconds(), f.firstNanos()));
            g.writeStringField("last_time", io.smbwatch.capture.Timestamps.iso(f.lastSeconds(), f.lastNanos()));
            g.writeEndObject();
            g.writeRaw('\n');
        }
        // one write per line: lines of runs appending at once do not interleave
        java.util.Set<java.nio.file.OpenOption> how = java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
        try (FileChannel c = FileChannel.open(p, how, TempFiles.owner(false))) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(line.toByteArray());
            while (b.hasRemaining()) c.write(b);
        }
    }

    /** Finishes every transfer still open (as truncated: no Close was seen) and removes the temporary files. */
    @Override
    public void close() {
        for (Transfer o : new ArrayList<>(open.values())) finish(o, false);
        try {
            temps.close();
        } catch (IOException e) {
            counters.ioErrors++;
        }
    }
}
