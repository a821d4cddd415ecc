package io.smbwatch.app.dcerpc;

import io.smbwatch.config.Limit;
import io.smbwatch.config.Limits;
import io.smbwatch.app.BoundedMap;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.proto.dcerpc.DcerpcParser;
import io.smbwatch.stats.Anomalies;
import java.util.ArrayList;
import java.util.List;

/**
 * The DCERPC associations of one SMB connection, one {@link DcerpcPipe} per FID (SMB1) or FileId
 * (SMB2). Data on a file becomes a pipe's when the file already is one or the data starts with a
 * DCERPC header; other pipe traffic (LANMAN, mailslots) is left alone.
 */
public final class DcerpcPipes {
    private final Anomalies anomalies;
    private final Limits limits;
    private final BoundedMap<String, DcerpcPipe> pipes;
    private final int maxPipes;

    public DcerpcPipes(Anomalies anomalies) {
        this(anomalies, Limits.defaults());
    }

    /** @param limits the run's limits: dcerpc.pipes (pipes followed at once) and those of each pipe */
    public DcerpcPipes(Anomalies anomalies, Limits limits) {
        this.anomalies = anomalies;
        this.limits = limits;
        this.maxPipes = limits.getInt(Limit.DCERPC_PIPES);
        this.pipes = new BoundedMap<>(maxPipes);
    }

    /** Dissects the pipe data a message carries ({@link SmbMessage#pipeData}); returns its DCERPC messages. */
    public List<SmbMessage> onMessage(SmbMessage m) {
        if (m.pipeData == null || m.pipeLen <= 0) return List.of();
        String key = m.fid != null ? m.fid : "tid:" + m.treeId;
        DcerpcPipe pipe = pipes.get(key);
        if (pipe == null) {
            if (DcerpcParser.header(m.pipeData, m.pipeOff, m.pipeLen) == null) return List.of();
            pipe = new DcerpcPipe(anomalies, limits);
            long before = pipes.evicted();
            pipes.put(key, pipe);
            if (pipes.evicted() != before) anomalies.report(AnomalyKind.DCERPC_PIPE_CAP, m.where(), "more than " + maxPipes + " pipes");
        }
        m.dcerpcPipe = true;
        List<SmbMessage> out = new ArrayList<>(1);
        pipe.onData(m, m.direction, m.pipeData, m.pipeOff, m.pipeLen, out);
        return out;
    }

    /** Bytes of this direction of the connection were lost: every pipe may have a hole. */
    public void onGap(int dir) {
        for (DcerpcPipe p : pipes.values()) p.onGap(dir);
    }

    /** The pipe of a FID or FileId, or null. */
    public DcerpcPipe pipe(String fid) {
        return pipes.get(fid);
    }

    /** The file was closed. */
    public void close(String fid) {
        if (fid != null) pipes.remove(fid);
    }
}
