package io.smbwatch.proto.dcerpc;

import java.util.function.BiConsumer;

/**
 * Decodes the NDR arguments that matter for detection from the stub of a request or response
 * (32-bit NDR only), as Wireshark-named fields. Layouts: MS-SRVS §3.1.4.30/31 (NetprPath*),
 * MS-TSCH §3.2.5.2.1 (NetrJobAdd), §3.2.5.4.2 (SchRpcRegisterTask), MS-SCMR §3.1.4.12/§3.1.4.30
 * (RCreateServiceW/A), MS-SAMR §3.1.5.11.1 (LookupDomain), §3.1.5.1.9 (OpenUser), §3.1.5.2.5
 * (EnumerateUsersInDomain), MS-RRP §3.1.5.15 (BaseRegOpenKey), §3.1.5.22 (BaseRegSetValue),
 * MS-LSAT §3.1.4.8 (LookupSids), §3.1.4.9 (LookupNames).
 */
public final class DcerpcArgs {
    private DcerpcArgs() {}

    /** What decoding found: text for tshark's Info column after the operation (or null), and a failure. */
    public record Result(String info, String error) {}

    private static final Result NONE = new Result(null, null);

    /**
     * @param prefix the interface's Wireshark prefix ("samr")
     * @param out receives (field, value) pairs
     */
    public static Result decode(String prefix, int opnum, boolean request, byte[] b, int off, int len, boolean le,
                                BiConsumer<String, Object> out) {
        NdrReader r = new NdrReader(b, off, len, le);
        String info = null;
        switch (prefix + (request ? " q " : " r ") + opnum) {
            case "srvsvc q 31": {   // NetprPathCanonicalize
                String p = "srvsvc.srvsvc_NetPathCanonicalize.";
                put(r, out, p + "server_unc", r.uniqueString(2));
                put(r, out, p + "path", r.varyingString(2));
                put(r, out, p + "maxbuf", r.u32());
                put(r, out, p + "prefix", r.varyingString(2));
                put(r, out, p + "pathtype", r.u32());
                put(r, out, p + "pathflags", r.u32());
                break;
            }
            case "srvsvc q 32": {   // NetprPathCompare
                String p = "srvsvc.srvsvc_NetPathCompare.";
                put(r, out, p + "server_unc", r.uniqueString(2));
                put(r, out, p + "path1", r.varyingString(2));
                put(r, out, p + "path2", r.varyingString(2));
                put(r, out, p + "pathtype", r.u32());
                put(r, out, p + "pathflags", r.u32());
                break;
            }
            case "atsvc q 0": {     // JobAdd
                put(r, out, "atsvc.atsvc_JobAdd.servername", r.uniqueString(2));
                put(r, out, "atsvc.atsvc_JobInfo.job_time", r.u32());
                put(r, out, "atsvc.atsvc_JobInfo.days_of_month", r.u32());
                put(r, out, "atsvc.atsvc_JobInfo.days_of_week", (long) r.u8());
                put(r, out, "atsvc.atsvc_JobInfo.flags", (long) r.u8());
                long cmd = r.pointer();
                if (cmd != 0) put(r, out, "atsvc.atsvc_JobInfo.command", r.varyingString(2));
                break;
            }
            case "taskschedulerservice q 1": {   // SchRpcRegisterTask
                String p = "taskschedulerservice.SchRpcRegisterTask.";
                put(r, out, p + "path", r.uniqueString(2));
                put(r, out, p + "xml", r.varyingString(2));
                put(r, out, p + "flags", r.u32());
                put(r, out, p + "sddl", r.uniqueString(2));
                put(r, out, p + "logon_type", r.u32());
                break;
            }
            case "svcctl q 12":     // CreateServiceW
            case "svcctl q 24": {   // CreateServiceA
                int w = opnum == 12 ? 2 : 1;
                String p = "svcctl.svcctl_CreateService" + (w == 2 ? "W." : "A.");
                r.handle();
                String name = r.varyingString(w);
                put(r, out, p + "ServiceName", name);
                put(r, out, p + "DisplayName", r.uniqueString(w));
                put(r, out, p + "desired_access", r.u32());
                put(r, out, p + "type", r.u32());
                put(r, out, p + "start_type", r.u32());
                put(r, out, p + "error_control", r.u32());
                put(r, out, p + "binary_path", r.varyingString(w));
                break;
            }
            case "samr q 5": {      // LookupDomain
                r.handle();
                String name = r.unicodeStringInline();
                put(r, out, "samr.samr_LookupDomain.domain_name", name);
                info = name != null ? name : "";
                break;
            }
            case "samr r 5":
                if (r.pointer() != 0) put(r, out, "samr.samr_LookupDomain.sid", r.sid());
                break;
            case "samr q 34":       // OpenUser
                r.handle();
                put(r, out, "samr.samr_OpenUser.access_mask", r.u32());
                put(r, out, "samr.samr_OpenUser.rid", r.u32());
                break;
            case "samr q 13":       // EnumDomainUsers
                r.handle();
                put(r, out, "samr.samr_EnumDomainUsers.resume_handle", r.u32());
                put(r, out, "samr.samr_EnumDomainUsers.acct_flags", r.u32());
                put(r, out, "samr.samr_EnumDomainUsers.max_size", r.u32());
                break;
            case "samr r 13":
                samEntries(r, out);
                break;
            case "winreg q 15": {   // OpenKey
                r.handle();
                put(r, out, "winreg.winreg_OpenKey.keyname", r.unicodeStringInline());
                put(r, out, "winreg.winreg_OpenKey.options", r.u32());
                put(r, out, "winreg.winreg_OpenKey.access_mask", r.u32());
                break;
            }
            case "winreg q 6":      // CreateKey
                r.handle();
                put(r, out, "winreg.winreg_CreateKey.name", r.unicodeStringInline());
                break;
            case "winreg q 22": {   // SetValue
                r.handle();
                put(r, out, "winreg.winreg_SetValue.name", r.unicodeStringInline());
                put(r, out, "winreg.winreg_SetValue.type", r.u32());
                int n = r.count(r.u32(), 1, "SetValue data");
                r.skip(n);
                put(r, out, "winreg.winreg_SetValue.size", r.u32());
                break;
            }
            case "lsarpc q 14": {   // LookupNames
                r.handle();
                int n = r.count(r.u32(), 8, "LookupNames names");
                long max = r.u32();
                if (max != n) r.fail("LookupNames array of " + max + " for a count of " + n);
                int cnt = r.count(max, 8, "LookupNames names");
                long[] ptrs = new long[cnt];
                for (int i = 0; i < cnt; i++) ptrs[i] = r.unicodeStringHead();
                for (int i = 0; i < cnt && !r.failed(); i++) {
                    if (ptrs[i] != 0) put(r, out, "lsarpc.lsa_String.string", r.unicodeStringBody());
                }
                break;
            }
            case "lsarpc q 15":     // LookupSids
            case "lsarpc q 57":     // LookupSids2
            case "lsarpc q 76": {   // LookupSids3
                if (opnum != 76) r.handle();
                int n = r.count(r.u32(), 4, "LookupSids sids");
                if (r.pointer() != 0 && n > 0) {
                    int cnt = r.count(r.u32(), 4, "LookupSids sids");
                    long[] ptrs = new long[cnt];
                    for (int i = 0; i < cnt; i++) ptrs[i] = r.pointer();
                    for (int i = 0; i < cnt && !r.failed(); i++) {
                        if (ptrs[i] != 0) put(r, out, "lsarpc.lsa_SidPtr.sid", r.sid());
                    }
                }
                break;
            }
            default:
                return NONE;
        }
        return new Result(info, r.error());
    }

    /** EnumDomainUsers response: resume handle, then a unique pointer to {count, unique pointer to entries[]}. */
    private static void samEntries(NdrReader r, BiConsumer<String, Object> out) {
        put(r, out, "samr.samr_EnumDomainUsers.resume_handle", r.u32());
        if (r.pointer() == 0) return;
        long count = r.u32();
        if (r.pointer() == 0) return;
        int n = r.count(r.u32(), 12, "SamEntry");
        if (n != count && !r.failed()) r.fail("SamArray of " + n + " for a count of " + count);
        long[] rids = new long[n];
        long[] ptrs = new long[n];
        for (int i = 0; i < n; i++) {
            rids[i] = r.u32();
            ptrs[i] = r.unicodeStringHead();
        }
        for (int i = 0; i < n && !r.failed(); i++) {
            put(r, out, "samr.samr_SamEntry.idx", rids[i]);
            if (ptrs[i] != 0) put(r, out, "samr.samr_SamEntry.name", r.unicodeStringBody());
        }
        put(r, out, "samr.samr_EnumDomainUsers.num_entries", r.u32());
    }

    private static void put(NdrReader r, BiConsumer<String, Object> out, String name, Object v) {
        if (v != null && !r.failed()) out.accept(name, v);
    }
}
