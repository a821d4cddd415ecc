package io.smbwatch.proto.dcerpc;

import java.util.List;

/**
 * Connection-oriented DCERPC PDUs (C706 §12.6, MS-RPCE §2.2.2). Offsets are absolute positions
 * in the buffer the PDU was parsed from.
 */
public final class DcerpcRecords {
    private DcerpcRecords() {}

    public static final int REQUEST = 0, RESPONSE = 2, FAULT = 3, BIND = 11, BIND_ACK = 12, BIND_NAK = 13,
            ALTER_CONTEXT = 14, ALTER_CONTEXT_RESP = 15, AUTH3 = 16, SHUTDOWN = 17, CO_CANCEL = 18, ORPHANED = 19;

    public static final int PFC_FIRST_FRAG = 0x01, PFC_LAST_FRAG = 0x02, PFC_OBJECT_UUID = 0x80;

    /** The common 16-byte header (C706 §12.6.1). */
    public record Header(int version, int minor, int type, int flags, boolean littleEndian, int fragLength,
                         int authLength, long callId) {
        public boolean first() {
            return (flags & PFC_FIRST_FRAG) != 0;
        }

        public boolean last() {
            return (flags & PFC_LAST_FRAG) != 0;
        }

        /** tshark's word for the fragment position: Single, 1st, Mid, Last. */
        public String fragment() {
            return first() ? (last() ? "Single" : "1st") : last() ? "Last" : "Mid";
        }
    }

    /** A presentation context offered in a Bind or Alter Context (p_cont_elem_t). */
    public record ContextItem(int contextId, String uuid, int major, int minor, List<String> transferSyntaxes) {}

    /** Bind and Alter Context (§12.6.4.3, §12.6.4.1). */
    public record Bind(int maxXmit, int maxRecv, long assocGroup, List<ContextItem> items, String malformed) {}

    /** One result of a Bind Ack / Alter Context Response (p_result_t). */
    public record BindResult(int result, int reason, String transferSyntax) {}

    /** Bind Ack and Alter Context Response (§12.6.4.4, §12.6.4.2). */
    public record BindAck(int maxXmit, int maxRecv, long assocGroup, String secondaryAddress,
                          List<BindResult> results, String malformed) {}

    /** Request (§12.6.4.9); stub from stubOffset, stubLength bytes (auth padding excluded). */
    public record Request(long allocHint, int contextId, int opnum, String objectUuid, int stubOffset, int stubLength) {}

    /** Response (§12.6.4.10). */
    public record Response(long allocHint, int contextId, int cancelCount, int stubOffset, int stubLength) {}

    /** Fault (§12.6.4.7). */
    public record Fault(long allocHint, int contextId, int cancelCount, long status) {}

    /** The auth verifier trailer (sec_trailer, MS-RPCE §2.2.2.11) and its value. */
    public record Auth(int type, int level, int padLength, long contextId, int valueOffset, int valueLength) {}
}
