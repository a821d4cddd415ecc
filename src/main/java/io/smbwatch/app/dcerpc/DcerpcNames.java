package io.smbwatch.app.dcerpc;

import io.smbwatch.proto.smb.NtStatus;

/** Names of DCERPC codes as tshark shows them (packet types, bind results, reject reasons, fault statuses). */
public final class DcerpcNames {
    private DcerpcNames() {}

    private static final String[] INFO = {
        "Request", "Ping", "Response", "Fault", "Working", "Nocall", "Reject", "Ack", "Cl_cancel", "Fack",
        "Cancel_ack", "Bind", "Bind_ack", "Bind_nak", "Alter_context", "Alter_context_resp", "AUTH3", "Shutdown",
        "Co_cancel", "Orphaned", "RTS"
    };

    /** Suricata's EVE names (dcerpc.request / dcerpc.response). */
    private static final String[] EVE = {
        "REQUEST", "PING", "RESPONSE", "FAULT", "WORKING", "NOCALL", "REJECT", "ACK", "CL_CANCEL", "FACK",
        "CANCEL_ACK", "BIND", "BINDACK", "BINDNAK", "ALTER_CONTEXT", "ALTER_CONTEXT_RESP", "AUTH3", "SHUTDOWN",
        "CO_CANCEL", "ORPHANED", "RTS"
    };

    private static final String[] ACK = {"Acceptance", "User rejection", "Provider rejection", "Negotiate ACK"};

    private static final String[] REJECT = {
        "Reason not specified", "Temporary congestion", "Local limit exceeded", "Called paddr unknown",
        "Protocol version not supported", "Default context not supported", "User data not readable",
        "No PSAP available", "Authentication type not recognized", "Invalid checksum"
    };

    public static String infoName(int type) {
        return type >= 0 && type < INFO.length ? INFO[type] : "Unknown (" + type + ")";
    }

    public static String typeName(int type) {
        return infoName(type);
    }

    public static String eveName(int type) {
        return type >= 0 && type < EVE.length ? EVE[type] : Integer.toString(type);
    }

    public static String ackResult(int r) {
        return r >= 0 && r < ACK.length ? ACK[r] : "Unknown (" + r + ")";
    }

    public static String rejectReason(int r) {
        return r >= 0 && r < REJECT.length ? REJECT[r] : "Unknown (" + r + ")";
    }

    /** Fault status: the nca_s_* / RPC_S_* names of C706 appendix E and MS-RPCE §3.1.1.5.5, else the NT status name. */
    public static String faultName(long st) {
        switch ((int) st) {
            case 0x1c010002: return "nca_s_op_rng_error";
            case 0x1c010003: return "nca_s_unk_if";
            case 0x1c00001a: return "nca_s_fault_context_mismatch";
            case 0x1c00000d: return "nca_s_proto_error";
            case 0x1c000011: return "nca_s_fault_ndr";
            case 0x1c000012: return "nca_s_fault_cant_perform";
            case 0x1c000016: return "nca_s_fault_remote_no_memory";
            case 0x00000005: return "nca_s_fault_access_denied";
            case 0x000006d1: return "nca_s_fault_invalid_tag";
            case 0x000006f7: return "nca_s_fault_invalid_bound";
            case 0x000006d8: return "nca_op_rng_error";
            default: break;
        }
        String n = NtStatus.name((int) st);
        return n != null ? n : String.format("Unknown (0x%08x)", st);
    }
}
