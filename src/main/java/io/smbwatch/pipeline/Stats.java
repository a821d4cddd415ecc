package io.smbwatch.pipeline;

import io.smbwatch.app.SmbCounters;
import io.smbwatch.flow.FlowTable;
import io.smbwatch.packet.DecodeResult;
import io.smbwatch.stats.Anomalies;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything counted while reading one capture. Identities that must hold:
 * frames = sum of {@link #decode}; TCP frames = tcpSmb + tcpDcerpc + tcpNotSmb; UDP frames = udpSmb + udpOther;
 * stream bytes seen = delivered + retransmitted (old copies dropped), once every flow has ended.
 */
public final class Stats {
    public long frames, bytes, lastFrame;
    /** Time of the first frame (seconds, nanoseconds), or -1 before any frame. */
    public long firstSeconds = -1;
    public int firstNanos;
    public final long[] decode = new long[DecodeResult.values().length];
    /**
     * Large file reads and writes handed on as their head (Settings#withoutFileData). Not printed:
     * the statistics are the same whether file data is kept or not.
     */
    public long bodiesElided;
    public long tcpSmb, tcpDcerpc, tcpNotSmb, udpSmb, udpOther;
    public long flows, smbFlows, dcerpcFlows, midstreamFlows;
    public final long[] flowsEnded = new long[FlowTable.EndReason.values().length];
    public long streamSeen, delivered, gaps, gapBytes, retransmitted, streamCapHits, incompleteAtEnd;
    public long defragReassembled, streamMemoryPeak, streamMemoryCapHits;
    public SmbCounters smb;
    public Anomalies anomalies;

    public long decoded(DecodeResult r) {
        return decode[r.ordinal()];
    }

    /** Ordered name → value view, for printing and JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("packets", frames);
        m.put("bytes", bytes);
        Map<String, Long> d = new LinkedHashMap<>();
        for (DecodeResult r : DecodeResult.values()) d.put(r.name().toLowerCase(), decode[r.ordinal()]);
        m.put("decode", d);
        m.put("tcp_smb_packets", tcpSmb);
        m.put("tcp_other_packets", tcpNotSmb);
        m.put("udp_smb_packets", udpSmb);
        m.put("udp_other_packets", udpOther);
        m.put("flows", flows);
        m.put("smb_flows", smbFlows);
        m.put("dcerpc_flows", dcerpcFlows);
        m.put("tcp_dcerpc_packets", tcpDcerpc);
        m.put("midstream_flows", midstreamFlows);
        Map<String, Long> e = new LinkedHashMap<>();
        for (FlowTable.EndReason r : FlowTable.EndReason.values()) e.put(r.name().toLowerCase(), flowsEnded[r.ordinal()]);
        m.put("flows_ended", e);
        m.put("stream_bytes_seen", streamSeen);
        m.put("stream_bytes_delivered", delivered);
        m.put("stream_bytes_retransmitted", retransmitted);
        m.put("gaps", gaps);
        m.put("gap_bytes", gapBytes);
        m.put("stream_cap_hits", streamCapHits + streamMemoryCapHits);
        m.put("ip_datagrams_reassembled", defragReassembled);
        m.put("smb_messages", smb.messages());
        m.put("smb1_messages", smb.smb1);
        m.put("smb2_messages", smb.smb2);
        m.put("smb3_encrypted", smb.encrypted);
        m.put("smb3_compressed", smb.compressed);
        m.put("nbss_control", smb.nbssControl);
        m.put("resyncs", smb.resyncs);
        m.put("desyncs", smb.desyncs);
        m.put("bytes_skipped", smb.skippedBytes);
        m.put("messages_lost", smb.lostMessages);
        m.put("messages_incomplete_at_end", incompleteAtEnd);
        m.put("malformed", smb.malformed);
        m.put("anomalies", anomalies.total());
        return m;
    }

    /** Adds the statistics of another worker's pipeline (flows sharded over several). */
    public void add(Stats o) {
        bodiesElided += o.bodiesElided;
        if (firstSeconds < 0 || (o.firstSeconds >= 0 && (o.firstSeconds < firstSeconds
                || o.firstSeconds == firstSeconds && o.firstNanos < firstNanos))) {
            firstSeconds = o.firstSeconds;
            firstNanos = o.firstNanos;
        }
        frames += o.frames;
        bytes += o.bytes;
        lastFrame = Math.max(lastFrame, o.lastFrame);
        for (int i = 0; i < decode.length; i++) decode[i] += o.decode[i];
        tcpSmb += o.tcpSmb;
        tcpDcerpc += o.tcpDcerpc;
        tcpNotSmb += o.tcpNotSmb;
        udpSmb += o.udpSmb;
        udpOther += o.udpOther;
        flows += o.flows;
        smbFlows += o.smbFlows;
        dcerpcFlows += o.dcerpcFlows;
        midstreamFlows += o.midstreamFlows;
        for (int i = 0; i < flowsEnded.length; i++) flowsEnded[i] += o.flowsEnded[i];
        streamSeen += o.streamSeen;
        delivered += o.delivered;
        gaps += o.gaps;
        gapBytes += o.gapBytes;
        retransmitted += o.retransmitted;
        streamCapHits += o.streamCapHits;
        incompleteAtEnd += o.incompleteAtEnd;
        defragReassembled += o.defragReassembled;
        streamMemoryPeak += o.streamMemoryPeak;      // each worker has its own pool: the peaks add up at worst
        streamMemoryCapHits += o.streamMemoryCapHits;
        if (o.smb != null) {
            if (smb == null) smb = new io.smbwatch.app.SmbCounters();
            smb.smb1 += o.smb.smb1;
            smb.smb2 += o.smb.smb2;
            smb.encrypted += o.smb.encrypted;
            smb.compressed += o.smb.compressed;
            smb.nbssControl += o.smb.nbssControl;
            smb.malformed += o.smb.malformed;
            smb.notSmb += o.smb.notSmb;
            smb.resyncs += o.smb.resyncs;
            smb.desyncs += o.smb.desyncs;
            smb.skippedBytes += o.smb.skippedBytes;
            smb.lostMessages += o.smb.lostMessages;
            smb.dcerpc += o.smb.dcerpc;
        }
        if (o.anomalies != null) {
            if (anomalies == null) anomalies = new io.smbwatch.stats.Anomalies();
            anomalies.add(o.anomalies);
        }
    }
}
