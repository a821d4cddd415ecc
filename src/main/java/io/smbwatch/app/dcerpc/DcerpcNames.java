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

    /**
     * Fault status names as Wireshark shows them (its dcerpc.cn_status value list, from
     * `tshark -G values | grep -P "^V\tdcerpc.cn_status\t"`; C706 appendix E and MS-RPCE
     * §3.1.1.5.5 name the same codes), else the NT status name.
     */
    public static String faultName(long st) {
        switch ((int) st) {
            case 0x0: return "Stub-defined exception";
            case 0x1: return "nca_s_fault_other";
            case 0x5: return "nca_s_fault_access_denied";
            case 0x6f7: return "nca_s_fault_ndr";
            case 0x6d8: return "nca_s_fault_cant_perform";
            case 0x721: return "nca_s_fault_sec_pkg_error";
            case 0x1c000001: return "nca_s_fault_int_div_by_zero";
            case 0x1c000002: return "nca_s_fault_addr_error";
            case 0x1c000003: return "nca_s_fault_fp_div_zero";
            case 0x1c000004: return "nca_s_fault_fp_underflow";
            case 0x1c000005: return "nca_s_fault_fp_overflow";
            case 0x1c000006: return "nca_s_fault_invalid_tag";
            case 0x1c000007: return "nca_s_fault_invalid_bound";
            case 0x1c000008: return "nca_rpc_version_mismatch";
            case 0x1c000009: return "nca_unspec_reject";
            case 0x1c00000a: return "nca_s_bad_actid";
            case 0x1c00000b: return "nca_who_are_you_failed";
            case 0x1c00000c: return "nca_manager_not_entered";
            case 0x1c00000d: return "nca_s_fault_cancel";
            case 0x1c00000e: return "nca_s_fault_ill_inst";
            case 0x1c00000f: return "nca_s_fault_fp_error";
            case 0x1c000010: return "nca_s_fault_int_overflow";
            case 0x1c000014: return "nca_s_fault_pipe_empty";
            case 0x1c000015: return "nca_s_fault_pipe_closed";
            case 0x1c000016: return "nca_s_fault_pipe_order";
            case 0x1c000017: return "nca_s_fault_pipe_discipline";
            case 0x1c000018: return "nca_s_fault_pipe_comm_error";
            case 0x1c000019: return "nca_s_fault_pipe_memory";
            case 0x1c00001a: return "nca_s_fault_context_mismatch";
            case 0x1c00001b: return "nca_s_fault_remote_no_memory";
            case 0x1c00001c: return "nca_invalid_pres_context_id";
            case 0x1c00001d: return "nca_unsupported_authn_level";
            case 0x1c00001f: return "nca_invalid_checksum";
            case 0x1c000020: return "nca_invalid_crc";
            case 0x1c000021: return "ncs_s_fault_user_defined";
            case 0x1c000022: return "nca_s_fault_tx_open_failed";
            case 0x1c000023: return "nca_s_fault_codeset_conv_error";
            case 0x1c000024: return "nca_s_fault_object_not_found";
            case 0x1c000025: return "nca_s_fault_no_client_stub";
            case 0x1c010002: return "nca_op_rng_error";
            case 0x1c010003: return "nca_unk_if";
            case 0x1c010006: return "nca_wrong_boot_time";
            case 0x1c010009: return "nca_s_you_crashed";
            case 0x1c01000b: return "nca_proto_error";
            case 0x1c010013: return "nca_out_args_too_big";
            case 0x1c010014: return "nca_server_too_busy";
            case 0x1c010017: return "nca_unsupported_type";
            case 0x80004001: return "E_NOTIMPL";
            case 0x80004003: return "E_POINTER";
            case 0x80004004: return "E_ABORT";
            case 0x8000ffff: return "E_UNEXPECTED";
            case 0x80010105: return "RPC_E_SERVERFAULT";
            case 0x80010108: return "RPC_E_DISCONNECTED";
            case 0x80010113: return "RPC_E_INVALID_IPID";
            case 0x8001011f: return "RPC_E_TIMEOUT";
            case 0x80020003: return "DISP_E_MEMBERNOTFOUND";
            case 0x80020006: return "DISP_E_UNKNOWNNAME";
            case 0x8002000e: return "DISP_E_BADPARAMCOUNT";
            case 0x8004cb00: return "CBA_E_MALFORMED";
            case 0x8004cb01: return "CBA_E_UNKNOWNOBJECT";
            case 0x8004cb05: return "CBA_E_INVALIDID";
            case 0x8004cb09: return "CBA_E_INVALIDCOOKIE";
            case 0x8004cb0b: return "CBA_E_QOSTYPEUNSUPPORTED";
            case 0x8004cb0c: return "CBA_E_QOSVALUEUNSUPPORTED";
            case 0x8004cb0f: return "CBA_E_NOTAPPLICABLE";
            case 0x8004cb12: return "CBA_E_LIMITVIOLATION";
            case 0x8004cb13: return "CBA_E_QOSTYPENOTAPPLICABLE";
            case 0x8004cb18: return "CBA_E_OUTOFPARTNERACCOS";
            case 0x8004cb1c: return "CBA_E_FLAGUNSUPPORTED";
            case 0x8004cb23: return "CBA_E_FRAMECOUNTUNSUPPORTED";
            case 0x8004cb25: return "CBA_E_MODECHANGE";
            case 0x8007000e: return "E_OUTOFMEMORY";
            case 0x80070057: return "E_INVALIDARG";
            case 0x800706d1: return "RPC_S_PROCNUM_OUT_OF_RANGE";
            case 0x80070776: return "OR_INVALID_OXID";
            default: break;
        }
        String n = NtStatus.name((int) st);
        return n != null ? n : String.format("Unknown (0x%08x)", st);
    }
}
