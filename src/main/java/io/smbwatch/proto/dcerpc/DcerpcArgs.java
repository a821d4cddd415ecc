package io.smbwatch.proto.dcerpc;

import java.util.function.BiConsumer;

/**
 * Decodes the NDR arguments that matter for detection from the stub of a request or response
 * (32-bit NDR only), as Wireshark-named fields. Layouts: MS-SRVS §3.1.4.8 (NetrShareEnum),
 * §3.1.4.30/31 (NetprPath*),
 * MS-TSCH §3.2.5.2.1 (NetrJobAdd), §3.2.5.4.2 (SchRpcRegisterTask), MS-SCMR §3.1.4.12/§3.1.4.30
 * (RCreateServiceW/A), MS-SAMR §3.1.5.11.1 (LookupDomain), §3.1.5.1.9 (OpenUser), §3.1.5.2.5
 * (EnumerateUsersInDomain), §3.1.5.11.2 (LookupNamesInDomain), §3.1.5.5.2 (QueryInformationUser), MS-RRP §3.1.5.15 (BaseRegOpenKey), §3.1.5.22 (BaseRegSetValue),
 * MS-LSAT §3.1.4.8 (LookupSids), §3.1.4.9 (LookupNames).
 */
public final class DcerpcArgs {
    private DcerpcArgs() {}

    /** What decoding found: text for tshark's Info column after the operation (or null), and a failure. */
    public record Result(String info, String error) {}

    private static final Result NONE = new Result(null, null);
    /** What an interface's decoder returns for an operation it does not know. */
    private static final Object UNKNOWN = new Object();

    /**
     * @param prefix the interface's Wireshark prefix ("samr")
     * @param out receives (field, value) pairs
     */
    public static Result decode(String prefix, int opnum, boolean request, byte[] b, int off, int len, boolean le,
                                BiConsumer<String, Object> out) {
        NdrReader r = new NdrReader(b, off, len, le);
        Object info;
        switch (prefix) {
            case "srvsvc": info = srvsvc(r, opnum, request, out); break;
            case "atsvc": info = atsvc(r, opnum, request, out); break;
            case "taskschedulerservice": info = taskScheduler(r, opnum, request, out); break;
            case "svcctl": info = svcctl(r, opnum, request, out); break;
            case "samr": info = samr(r, opnum, request, out); break;
            case "winreg": info = winreg(r, opnum, request, out); break;
            case "lsarpc": info = lsarpc(r, opnum, request, out); break;
            default: return NONE;
        }
        return info == UNKNOWN ? NONE : new Result((String) info, r.error());
    }

    /** The srvsvc operations decoded; UNKNOWN for others. */
    private static Object srvsvc(NdrReader r, int opnum, boolean request, BiConsumer<String, Object> out) {
        String info = null;
        switch ((request ? "q " : "r ") + opnum) {
            case "q 31": {   // NetprPathCanonicalize
                String p = "srvsvc.srvsvc_NetPathCanonicalize.";
                put(r, out, p + "server_unc", r.uniqueString(2));
                put(r, out, p + "path", r.varyingString(2));
                put(r, out, p + "maxbuf", r.u32());
                put(r, out, p + "prefix", r.varyingString(2));
                put(r, out, p + "pathtype", r.u32());
                put(r, out, p + "pathflags", r.u32());
                break;
            }
            case "q 32": {   // NetprPathCompare
                String p = "srvsvc.srvsvc_NetPathCompare.";
                put(r, out, p + "server_unc", r.uniqueString(2));
                put(r, out, p + "path1", r.varyingString(2));
                put(r, out, p + "path2", r.varyingString(2));
                put(r, out, p + "pathtype", r.u32());
                put(r, out, p + "pathflags", r.u32());
                break;
            }
            case "q 15": {   // NetShareEnumAll (NetrShareEnum): server, info level, max buffer
                String p = "srvsvc.srvsvc_NetShareEnumAll.";
                put(r, out, p + "server_unc", r.uniqueString(2));
                long level = r.u32();
                put(r, out, p + "level", level);
                r.u32();            // union switch
                if (r.pointer() != 0) {
                    r.u32();        // count (0 in a request)
                    r.pointer();
                }
                put(r, out, p + "max_buffer", r.u32());
                break;
            }
            case "r 15":
                shareEnum(r, out);
                break;
            default:
                return UNKNOWN;
        }
        return info;
    }

    /** The atsvc operations decoded; UNKNOWN for others. */
    private static Object atsvc(NdrReader r, int opnum, boolean request, BiConsumer<String, Object> out) {
        switch ((request ? "q " : "r ") + opnum) {
            case "q 0": {     // JobAdd
                put(r, out, "atsvc.atsvc_JobAdd.servername", r.uniqueString(2));
                put(r, out, "atsvc.atsvc_JobInfo.job_time", r.u32());
                put(r, out, "atsvc.atsvc_JobInfo.days_of_month", r.u32());
                put(r, out, "atsvc.atsvc_JobInfo.days_of_week", (long) r.u8());
                put(r, out, "atsvc.atsvc_JobInfo.flags", (long) r.u8());
                long cmd = r.pointer();
                if (cmd != 0) put(r, out, "atsvc.atsvc_JobInfo.command", r.varyingString(2));
                break;
            }
            default:
                return UNKNOWN;
        }
        return null;
    }

    /** The taskschedulerservice operations decoded; UNKNOWN for others. */
    private static Object taskScheduler(NdrReader r, int opnum, boolean request, BiConsumer<String, Object> out) {
        switch ((request ? "q " : "r ") + opnum) {
            case "q 1": {   // SchRpcRegisterTask
                String p = "taskschedulerservice.SchRpcRegisterTask.";
                put(r, out, p + "path", r.uniqueString(2));
                put(r, out, p + "xml", r.varyingString(2));
                put(r, out, p + "flags", r.u32());
                put(r, out, p + "sddl", r.uniqueString(2));
                put(r, out, p + "logon_type", r.u32());
                break;
            }
            default:
                return UNKNOWN;
        }
        return null;
    }

    /** The svcctl operations decoded; UNKNOWN for others. */
    private static Object svcctl(NdrReader r, int opnum, boolean request, BiConsumer<String, Object> out) {
        switch ((request ? "q " : "r ") + opnum) {
            case "q 12":     // CreateServiceW
            case "q 24": {   // CreateServiceA
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
            default:
                return UNKNOWN;
        }
        return null;
    }

    /** The samr operations decoded; UNKNOWN for others. */
    private static Object samr(NdrReader r, int opnum, boolean request, BiConsumer<String, Object> out) {
        String info = null;
        switch ((request ? "q " : "r ") + opnum) {
            case "q 5": {      // LookupDomain
                r.handle();
                String name = r.unicodeStringInline();
                put(r, out, "samr.samr_LookupDomain.domain_name", name);
                info = name != null ? name : "";
                break;
            }
            case "r 5":
                if (r.pointer() != 0) put(r, out, "samr.samr_LookupDomain.sid", r.sid());
                break;
            case "q 34":       // OpenUser
                r.handle();
                put(r, out, "samr.samr_OpenUser.access_mask", r.u32());
                put(r, out, "samr.samr_OpenUser.rid", r.u32());
                break;
            case "q 13":       // EnumDomainUsers
                r.handle();
                put(r, out, "samr.samr_EnumDomainUsers.resume_handle", r.u32());
                put(r, out, "samr.samr_EnumDomainUsers.acct_flags", r.u32());
                put(r, out, "samr.samr_EnumDomainUsers.max_size", r.u32());
                break;
            case "r 13":
                samEntries(r, out);
                break;
            case "q 17": {     // LookupNames: handle, num_names, [size_is(1000), length_is(num_names)] lsa_String names[]
                r.handle();
                long num = r.u32();
                put(r, out, "samr.samr_LookupNames.num_names", num);
                long max = r.u32();
                long offset = r.u32();
                int n = r.count(r.u32(), 8, "LookupNames names");
                if (!r.failed() && (offset != 0 || n > max || n != num)) {
                    r.fail("LookupNames names: max " + max + ", offset " + offset + ", actual " + n + " for " + num);
                }
                long[] ptrs = new long[n];
                for (int i = 0; i < n; i++) ptrs[i] = r.unicodeStringHead();
                for (int i = 0; i < n && !r.failed(); i++) {
                    if (ptrs[i] == 0) continue;
                    put(r, out, "samr.samr_LookupNames.names", r.unicodeStringBody());
                }
                break;
            }
            case "r 17":       // LookupNames: samr_Ids rids, samr_Ids types, status
                samIds(r, out, "samr.rid");
                samIds(r, out, "samr.samr_LookupNames.types");
                break;
            case "q 36":       // QueryUserInfo
            case "q 47":       // QueryUserInfo2
                r.handle();
                put(r, out, "samr.samr_QueryUserInfo" + (opnum == 47 ? "2" : "") + ".level", (long) r.u16());
                break;
            case "r 36":
            case "r 47":
                if (r.pointer() != 0) userInfo(r, out);
                break;
            default:
                return UNKNOWN;
        }
        return info;
    }

    /** The winreg operations decoded; UNKNOWN for others. */
    private static Object winreg(NdrReader r, int opnum, boolean request, BiConsumer<String, Object> out) {
        switch ((request ? "q " : "r ") + opnum) {
            case "q 15": {   // OpenKey
                r.handle();
                put(r, out, "winreg.winreg_OpenKey.keyname", r.unicodeStringInline());
                put(r, out, "winreg.winreg_OpenKey.options", r.u32());
                put(r, out, "winreg.winreg_OpenKey.access_mask", r.u32());
                break;
            }
            case "q 6":      // CreateKey
                r.handle();
                put(r, out, "winreg.winreg_CreateKey.name", r.unicodeStringInline());
                break;
            case "q 22": {   // SetValue
                r.handle();
                put(r, out, "winreg.winreg_SetValue.name", r.unicodeStringInline());
                put(r, out, "winreg.winreg_SetValue.type", r.u32());
                int n = r.count(r.u32(), 1, "SetValue data");
                r.skip(n);
                put(r, out, "winreg.winreg_SetValue.size", r.u32());
                break;
            }
            default:
                return UNKNOWN;
        }
        return null;
    }

    /** The lsarpc operations decoded; UNKNOWN for others. */
    private static Object lsarpc(NdrReader r, int opnum, boolean request, BiConsumer<String, Object> out) {
        switch ((request ? "q " : "r ") + opnum) {
            case "q 14": {   // LookupNames
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
            case "q 15":     // LookupSids
            case "q 57":     // LookupSids2
            case "q 76": {   // LookupSids3
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
                return UNKNOWN;
        }
        return null;
    }

    /**
     * NetShareEnumAll response: SHARE_ENUM_STRUCT (MS-SRVS §2.2.4.38) of level 0, 1 or 2 with its
     * entries (§2.2.4.22-24); each entry's strings follow the array, entry by entry.
     */
    private static void shareEnum(NdrReader r, BiConsumer<String, Object> out) {
        long level = r.u32();
        if (r.u32() != level && !r.failed()) { r.fail("SHARE_ENUM_STRUCT level " + level + " with another union arm"); return; }
        if (r.pointer() == 0 || level > 2) return;
        String ctr = "srvsvc.srvsvc_NetShareCtr" + level + ".";
        String info = "srvsvc.srvsvc_NetShareInfo" + level + ".";
        long count = r.u32();
        put(r, out, ctr + "count", count);
        if (r.pointer() == 0) return;
        int size = level == 0 ? 4 : level == 1 ? 12 : 32;
        int n = r.count(r.u32(), size, "share entries");
        if (n != count && !r.failed()) r.fail("share array of " + n + " for a count of " + count);
        String[] names = level == 0 ? new String[] {"name"} : level == 1 ? new String[] {"name", "comment"}
                : new String[] {"name", "comment", "path", "password"};
        long[][] ptrs = new long[n][names.length];
        for (int i = 0; i < n && !r.failed(); i++) {
            ptrs[i][0] = r.pointer();
            if (level == 0) continue;
            put(r, out, info + "type", r.u32());
            ptrs[i][1] = r.pointer();
            if (level == 1) continue;
            r.skip(12);     // permissions, max_uses, current_uses
            ptrs[i][2] = r.pointer();
            ptrs[i][3] = r.pointer();
        }
        for (int i = 0; i < n && !r.failed(); i++) {
            for (int k = 0; k < names.length; k++) {
                if (ptrs[i][k] == 0) continue;
                String v = r.varyingString(2);
                if (k == 0) put(r, out, info + names[k], v);
                else nonEmpty(r, out, info + names[k], v);
            }
        }
    }

    /** A samr_Ids (MS-SAMR SAMPR_ULONG_ARRAY): count, unique pointer to [size_is(count)] ULONG[]. */
    private static void samIds(NdrReader r, BiConsumer<String, Object> out, String field) {
        long count = r.u32();
        put(r, out, "samr.samr_Ids.count", count);
        if (r.pointer() == 0) return;
        int n = r.count(r.u32(), 4, "samr_Ids");
        if (n != count && !r.failed()) r.fail("samr_Ids array of " + n + " for a count of " + count);
        for (int i = 0; i < n && !r.failed(); i++) put(r, out, field, r.u32());
    }

    /** Names of the RPC_UNICODE_STRING members of samr_UserInfo21 in wire order (tshark's field names). */
    private static final String[] INFO21_STRINGS = {
        "account_name", "full_name", "home_directory", "home_drive", "logon_script", "profile_path", "description",
        "workstations", "comment"
    };

    /**
     * QueryUserInfo response, the SAMPR_USER_INFO_BUFFER union (MS-SAMR §2.2.6.29): level 21
     * (UserAllInformation, §2.2.6.6, what rpcclient and impacket ask for) and level 1 (General,
     * §2.2.6.1) give the account's names, RID, primary group and account flags. Other levels: the
     * level only.
     */
    private static void userInfo(NdrReader r, BiConsumer<String, Object> out) {
        int level = r.u16();
        put(r, out, "samr.samr_UserInfo.level", (long) level);
        if (level == 21) {
            r.align(4);
            r.skip(6 * 8);      // last_logon .. force_password_change (OLD_LARGE_INTEGER)
            long[] ptrs = new long[13];
            for (int i = 0; i < 13; i++) ptrs[i] = r.unicodeStringHead();   // 9 strings, parameters, lm/nt owf, private_data
            r.u32();            // buf_count (security descriptor)
            long sd = r.pointer();
            put(r, out, "samr.rid", r.u32());
            put(r, out, "samr.samr_UserInfo21.primary_gid", r.u32());
            put(r, out, "samr.samr_UserInfo21.acct_flags", r.u32());
            r.u32();            // fields_present
            r.u16();            // logon_hours.units_per_week
            r.pointer();
            r.skip(2 + 2 + 2 + 2 + 4);   // bad_password_count, logon_count, country_code, code_page, 4 flags
            for (int i = 0; i < INFO21_STRINGS.length && !r.failed(); i++) {
                if (ptrs[i] != 0) nonEmpty(r, out, "samr.samr_UserInfo21." + INFO21_STRINGS[i], r.unicodeStringBody());
            }
        } else if (level == 1) {
            // account_name, full_name, primary_gid, description, comment
            long[] ptrs = new long[4];
            ptrs[0] = r.unicodeStringHead();
            ptrs[1] = r.unicodeStringHead();
            long gid = r.u32();
            ptrs[2] = r.unicodeStringHead();
            ptrs[3] = r.unicodeStringHead();
            put(r, out, "samr.samr_UserInfo1.primary_gid", gid);
            String[] names = {"account_name", "full_name", "description", "comment"};
            for (int i = 0; i < 4 && !r.failed(); i++) {
                if (ptrs[i] != 0) nonEmpty(r, out, "samr.samr_UserInfo1." + names[i], r.unicodeStringBody());
            }
        }
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

    /** Like tshark, an empty account string is not a field. */
    private static void nonEmpty(NdrReader r, BiConsumer<String, Object> out, String name, String v) {
        if (v != null && !v.isEmpty()) put(r, out, name, v);
    }

    private static void put(NdrReader r, BiConsumer<String, Object> out, String name, Object v) {
        if (v != null && !r.failed()) out.accept(name, v);
    }
}
