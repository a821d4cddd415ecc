package io.smbwatch.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything counted while reading one capture, by every stage (here, in the leaf package, so that
 * the outputs and the command line read it without depending on the pipeline that fills it).
 * Identities that must hold:
 * frames = sum of {@link #decode}; TCP frames = tcpSmb + tcpDcerpc + tcpNotSmb; UDP frames = udpSmb + udpOther;
 * stream bytes seen = delivered + retransmitted (old copies dropped), once every flow has ended.
 */
public final class Stats {
    public long frames, bytes, lastFrame;
    /** Time of the first frame (seconds, nanoseconds), or -1 before any frame. */
    public long firstSeconds = -1;
    public int firstNanos;
    /** Frames by {@code packet.DecodeResult}. */
    public final Tally decode;
    /**
     * Large file reads and writes handed on as their head (Settings#withoutFileData). Not printed:
     * the statistics are the same whether file data is kept or not.
     */
    public long bodiesElided;
    public long tcpSmb, tcpDcerpc, tcpNotSmb, udpSmb, udpOther;
    public long flows, smbFlows, dcerpcFlows, midstreamFlows;
    /** Flows by {@code flow.FlowTable.EndReason}. */
    public final Tally flowsEnded;
    public long streamSeen, delivered, gaps, gapBytes, retransmitted, streamCapHits, incompleteAtEnd;
    public long defragReassembled, streamMemoryPeak, streamMemoryCapHits;
    public SmbCounters smb;
    public Anomalies anomalies;

    /** Counters of a pipeline: frames by decode result, flows by end reason, as those enums list them. */
    public Stats(Enum<?>[] decodeResults, Enum<?>[] endReasons) {
        decode = new Tally(decodeResults);
        flowsEnded = new Tally(endReasons);
    }

    /** Counters to add up others' into, or to add a few of their own (anomalies) to a total. */
    public Stats() {
        decode = new Tally();
        flowsEnded = new Tally();
    }

    /** Frames that decoded as {@code r} (a {@code packet.DecodeResult}). */
    public long decoded(Enum<?> r) {
        return decode.get(r);
    }

    /** Ordered name → value view, for printing and JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("packets", frames);
        m.put("bytes", bytes);
        m.put("decode", decode.toMap());
        m.put("tcp_smb_packets", tcpSmb);
        m.put("tcp_other_packets", tcpNotSmb);
        m.put("udp_smb_packets", udpSmb);
        m.put("udp_other_packets", udpOther);
        m.put("flows", flows);
        m.put("smb_flows", smbFlows);
        m.put("dcerpc_flows", dcerpcFlows);
        m.put("tcp_dcerpc_packets", tcpDcerpc);
        m.put("midstream_flows", midstreamFlows);
        m.put("flows_ended", flowsEnded.toMap());
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
        decode.add(o.decode);
        tcpSmb += o.tcpSmb;
        tcpDcerpc += o.tcpDcerpc;
        tcpNotSmb += o.tcpNotSmb;
        udpSmb += o.udpSmb;
        udpOther += o.udpOther;
        flows += o.flows;
        smbFlows += o.smbFlows;
        dcerpcFlows += o.dcerpcFlows;
        midstreamFlows += o.midstreamFlows;
        flowsEnded.add(o.flowsEnded);
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
            if (smb == null) smb = new SmbCounters();
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
            if (anomalies == null) anomalies = new Anomalies(o.anomalies.keep());
            anomalies.add(o.anomalies);
        }
    }
}
