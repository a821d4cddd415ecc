package io.smbwatch.detect.rule;

import java.util.List;
import java.util.Map;

/**
 * One loaded signature. Built by {@link RuleParser}; nothing changes it afterwards.
 *
 * @param buffers  inspection steps per buffer, in rule order (payload first when present)
 * @param fastPattern the content the prefilter looks for (null: the rule is evaluated on every payload of its group)
 * @param varCount number of byte_extract / byte_math variables
 * @param inert    why the rule can never match in smbwatch (a protocol or buffer it does not parse), or null
 */
public record Rule(
        String file, int line, String text,
        String action, Protocol protocol,
        AddressSpec src, PortSpec srcPorts, boolean bidirectional, AddressSpec dst, PortSpec dstPorts,
        int gid, long sid, int rev, String msg, String classtype, String category, int priority,
        List<String> references, Map<String, List<String>> metadata, String target,
        int flow, String inert, String tcpFlags, Map<BufferKind, List<Element>> buffers, Element.Content fastPattern, BufferKind fastPatternBuffer,
        String[] dsize, List<Flowbit> flowbits, Threshold threshold, Threshold detectionFilter, boolean noalert,
        int smbVersion, List<String[]> dcerpcIfaces, int[] dcerpcOpnums, List<String> fileNames, int varCount) {

    public static final int FLOW_ESTABLISHED = 1, FLOW_NOT_ESTABLISHED = 2, FLOW_STATELESS = 4, FLOW_TO_SERVER = 8,
            FLOW_TO_CLIENT = 16, FLOW_ONLY_STREAM = 32, FLOW_NO_STREAM = 64, FLOW_ONLY_FRAG = 128, FLOW_NO_FRAG = 256;

    /** null in {@link Rule#protocol()} for an inert app-layer protocol (see {@link Rule#inert()}). */
    public enum Protocol { TCP, TCP_PKT, TCP_STREAM, UDP, IP, SMB, DCERPC }

    /** {@code flowbits:CMD,NAME}; {@code names} holds the alternatives of a|b, or the terms of a&b when {@code all}. */
    public record Flowbit(String cmd, List<String> names, boolean all) {}

    /** {@code threshold} or {@code detection_filter}. type: limit, threshold, both (detection_filter: "filter"). */
    public record Threshold(String type, String track, int count, int seconds) {}

    public boolean hasBuffer(BufferKind k) {
        return buffers.containsKey(k);
    }

    /** Needs SMB message context (sticky SMB/DCERPC/file buffers or keywords), so is evaluated per SMB message. */
    public boolean perMessage() {
        for (BufferKind k : buffers.keySet()) if (k != BufferKind.PAYLOAD) return true;
        return smbVersion != 0 || !dcerpcIfaces.isEmpty() || dcerpcOpnums != null || !fileNames.isEmpty();
    }

    @Override
    public String toString() {
        return gid + ":" + sid + ":" + rev + " " + msg;
    }
}
