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

    /** Fault statuses as tshark 4.0 names them (dcerpc.cn_status value string, from `tshark -G values`). */
    private static final java.util.Map<Integer, String> FAULTS = java.util.Map.ofEntries(
        java.util.Map.entry(0x00000000, "Stub-defined exception"),
        java.util.Map.entry(0x1, "nca_s_fault_other"),
        java.util.Map.entry(0x5, "nca_s_fault_access_denied"),
        java.util.Map.entry(0x6f7, "nca_s_fault_ndr"),
        java.util.Map.entry(0x6d8, "nca_s_fault_cant_perform"),
        java.util.Map.entry(0x721, "nca_s_fault_sec_pkg_error"),
        java.util.Map.entry(0x1c000001, "nca_s_fault_int_div_by_zero"),
        java.util.Map.entry(0x1c000002, "nca_s_fault_addr_error"),
        java.util.Map.entry(0x1c000003, "nca_s_fault_fp_div_zero"),
        java.util.Map.entry(0x1c000004, "nca_s_fault_fp_underflow"),
        java.util.Map.entry(0x1c000005, "nca_s_fault_fp_overflow"),
        java.util.Map.entry(0x1c000006, "nca_s_fault_invalid_tag"),
        java.util.Map.entry(0x1c000007, "nca_s_fault_invalid_bound"),
        java.util.Map.entry(0x1c000008, "nca_rpc_version_mismatch"),
        java.util.Map.entry(0x1c000009, "nca_unspec_reject"),
        java.util.Map.entry(0x1c00000a, "nca_s_bad_actid"),
        java.util.Map.entry(0x1c00000b, "nca_who_are_you_failed"),
        java.util.Map.entry(0x1c00000c, "nca_manager_not_entered"),
        java.util.Map.entry(0x1c00000d, "nca_s_fault_cancel"),
        java.util.Map.entry(0x1c00000e, "nca_s_fault_ill_inst"),
        java.util.Map.entry(0x1c00000f, "nca_s_fault_fp_error"),
        java.util.Map.entry(0x1c000010, "nca_s_fault_int_overflow"),
        java.util.Map.entry(0x1c000014, "nca_s_fault_pipe_empty"),
        java.util.Map.entry(0x1c000015, "nca_s_fault_pipe_closed"),
        java.util.Map.entry(0x1c000016, "nca_s_fault_pipe_order"),
        java.util.Map.entry(0x1c000017, "nca_s_fault_pipe_discipline"),
        java.util.Map.entry(0x1c000018, "nca_s_fault_pipe_comm_error"),
        java.util.Map.entry(0x1c000019, "nca_s_fault_pipe_memory"),
        java.util.Map.entry(0x1c00001a, "nca_s_fault_context_mismatch"),
        java.util.Map.entry(0x1c00001b, "nca_s_fault_remote_no_memory"),
        java.util.Map.entry(0x1c00001c, "nca_invalid_pres_context_id"),
        java.util.Map.entry(0x1c00001d, "nca_unsupported_authn_level"),
        java.util.Map.entry(0x1c00001f, "nca_invalid_checksum"),
        java.util.Map.entry(0x1c000020, "nca_invalid_crc"),
        java.util.Map.entry(0x1c000021, "ncs_s_fault_user_defined"),
        java.util.Map.entry(0x1c000022, "nca_s_fault_tx_open_failed"),
        java.util.Map.entry(0x1c000023, "nca_s_fault_codeset_conv_error"),
        java.util.Map.entry(0x1c000024, "nca_s_fault_object_not_found"),
        java.util.Map.entry(0x1c000025, "nca_s_fault_no_client_stub"),
        java.util.Map.entry(0x1c010002, "nca_op_rng_error"),
        java.util.Map.entry(0x1c010003, "nca_unk_if"),
        java.util.Map.entry(0x1c010006, "nca_wrong_boot_time"),
        java.util.Map.entry(0x1c010009, "nca_s_you_crashed"),
        java.util.Map.entry(0x1c01000b, "nca_proto_error"),
        java.util.Map.entry(0x1c010013, "nca_out_args_too_big"),
        java.util.Map.entry(0x1c010014, "nca_server_too_busy"),
        java.util.Map.entry(0x1c010017, "nca_unsupported_type"),
        java.util.Map.entry(0x80004001, "E_NOTIMPL"),
        java.util.Map.entry(0x80004003, "E_POINTER"),
        java.util.Map.entry(0x80004004, "E_ABORT"),
        java.util.Map.entry(0x8000ffff, "E_UNEXPECTED"),
        java.util.Map.entry(0x80010105, "RPC_E_SERVERFAULT"),
        java.util.Map.entry(0x80010108, "RPC_E_DISCONNECTED"),
        java.util.Map.entry(0x80010113, "RPC_E_INVALID_IPID"),
        java.util.Map.entry(0x8001011f, "RPC_E_TIMEOUT"),
        java.util.Map.entry(0x80020003, "DISP_E_MEMBERNOTFOUND"),
        java.util.Map.entry(0x80020006, "DISP_E_UNKNOWNNAME"),
        java.util.Map.entry(0x8002000e, "DISP_E_BADPARAMCOUNT"),
        java.util.Map.entry(0x8004cb00, "CBA_E_MALFORMED"),
        java.util.Map.entry(0x8004cb01, "CBA_E_UNKNOWNOBJECT"),
        java.util.Map.entry(0x8004cb05, "CBA_E_INVALIDID"),
        java.util.Map.entry(0x8004cb09, "CBA_E_INVALIDCOOKIE"),
        java.util.Map.entry(0x8004cb0b, "CBA_E_QOSTYPEUNSUPPORTED"),
        java.util.Map.entry(0x8004cb0c, "CBA_E_QOSVALUEUNSUPPORTED"),
        java.util.Map.entry(0x8004cb0f, "CBA_E_NOTAPPLICABLE"),
        java.util.Map.entry(0x8004cb12, "CBA_E_LIMITVIOLATION"),
        java.util.Map.entry(0x8004cb13, "CBA_E_QOSTYPENOTAPPLICABLE"),
        java.util.Map.entry(0x8004cb18, "CBA_E_OUTOFPARTNERACCOS"),
        java.util.Map.entry(0x8004cb1c, "CBA_E_FLAGUNSUPPORTED"),
        java.util.Map.entry(0x8004cb23, "CBA_E_FRAMECOUNTUNSUPPORTED"),
        java.util.Map.entry(0x8004cb25, "CBA_E_MODECHANGE"),
        java.util.Map.entry(0x8007000e, "E_OUTOFMEMORY"),
        java.util.Map.entry(0x80070057, "E_INVALIDARG"),
        java.util.Map.entry(0x800706d1, "RPC_S_PROCNUM_OUT_OF_RANGE"),
        java.util.Map.entry(0x80070776, "OR_INVALID_OXID"));

    /** Fault status: tshark's name (C706 appendix E nca_* and MS-RPCE §3.1.1.5.5 statuses), else the NT status name. */
    public static String faultName(long st) {
        String f = FAULTS.get((int) st);
        if (f != null) return f;
        String n = NtStatus.name((int) st);
        return n != null ? n : String.format("Unknown (0x%08x)", st);
    }
}
