package io.smbwatch.filter;

import static io.smbwatch.filter.FieldType.BOOLEAN;
import static io.smbwatch.filter.FieldType.BYTES;
import static io.smbwatch.filter.FieldType.GUID;
import static io.smbwatch.filter.FieldType.IPV4;
import static io.smbwatch.filter.FieldType.IPV6;
import static io.smbwatch.filter.FieldType.PROTOCOL;
import static io.smbwatch.filter.FieldType.STRING;
import static io.smbwatch.filter.FieldType.TIME;
import static io.smbwatch.filter.FieldType.UINT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one catalogue of field names smbwatch knows, named as Wireshark names them: what display
 * filters accept, what {@code smbwatch fields} lists, and what the rule engine and the report can
 * look up ({@link #lookup}, {@link #all}, {@link #suggest}).
 *
 * <p>Besides the fixed names, every DCERPC interface of {@link #INTERFACES} is a protocol
 * ({@code samr}) and has an {@code <iface>.opnum} field: a message is of that interface when it
 * carries a field named {@code <iface>.*} or a {@code dcerpc.interface_name} equal to it (what
 * the DCERPC dissector adds decides; see {@link MessageFrame}).
 */
public final class FieldRegistry {
    private FieldRegistry() {}

    /** DCERPC interfaces by their Wireshark protocol names. */
    public static final Set<String> INTERFACES = Set.of(
            "samr", "lsarpc", "srvsvc", "svcctl", "atsvc", "wkssvc", "netlogon", "winreg", "drsuapi", "epm",
            "spoolss", "dssetup", "eventlog", "netdfs", "mgmt", "initshutdown", "frsrpc", "efsrpc", "tapi",
            "rpriv", "remact", "oxid", "iwbemservices", "dcom", "witness", "mdssvc", "fsrvp", "tsch");

    private static final Map<String, FieldInfo> FIELDS = new LinkedHashMap<>();

    private static void derived(String name, FieldType type, String description) {
        FIELDS.put(name, new FieldInfo(name, type, description, false));
    }

    private static void f(String name, FieldType type, String description) {
        FIELDS.put(name, new FieldInfo(name, type, description, true));
    }

    static {
        derived("frame", PROTOCOL, "Any frame that carries a message");
        derived("frame.number", UINT, "Frame number in the capture (1-based)");
        derived("frame.time", TIME, "Frame arrival time (UTC)");
        derived("frame.time_epoch", TIME, "Frame arrival time, seconds since 1970 (with the fraction)");
        derived("frame.len", UINT, "Frame length on the wire");
        derived("ip", PROTOCOL, "IPv4");
        derived("ip.src", IPV4, "IPv4 source address");
        derived("ip.dst", IPV4, "IPv4 destination address");
        derived("ip.addr", IPV4, "IPv4 source or destination address");
        derived("ipv6", PROTOCOL, "IPv6");
        derived("ipv6.src", IPV6, "IPv6 source address");
        derived("ipv6.dst", IPV6, "IPv6 destination address");
        derived("ipv6.addr", IPV6, "IPv6 source or destination address");
        derived("tcp", PROTOCOL, "TCP");
        derived("tcp.stream", UINT, "TCP stream index, from 0 in the order of each connection's first packet (as tshark)");
        derived("tcp.srcport", UINT, "TCP source port");
        derived("tcp.dstport", UINT, "TCP destination port");
        derived("tcp.port", UINT, "TCP source or destination port");
        derived("udp", PROTOCOL, "UDP");
        derived("udp.srcport", UINT, "UDP source port");
        derived("udp.dstport", UINT, "UDP destination port");
        derived("udp.port", UINT, "UDP source or destination port");
        derived("nbss", PROTOCOL, "NetBIOS Session Service (SMB over TCP)");
        derived("nbdgm", PROTOCOL, "NetBIOS Datagram Service (SMB browser mailslots over UDP 138)");

        derived("smb", PROTOCOL, "SMB1 (any SMB1 message in the frame)");
        derived("smb.flags.response", BOOLEAN, "SMB1 request/response flag (1 = response)");
        f("smb.cmd", UINT, "SMB1 command code (each command of an AndX chain)");
        f("smb.nt_status", UINT, "SMB1 NT status");
        f("smb.mid", UINT, "SMB1 multiplex id");
        f("smb.uid", UINT, "SMB1 user id");
        f("smb.tid", UINT, "SMB1 tree id");
        f("smb.fid", UINT, "SMB1 file id");
        f("smb.path", STRING, "SMB1 tree path (\\\\server\\share)");
        f("smb.service", STRING, "SMB1 tree connect service (A:, IPC, ?????)");
        f("smb.file", STRING, "SMB1 file name");
        f("smb.trans_name", STRING, "SMB1 Transaction name (\\PIPE\\LANMAN, mailslots)");
        f("smb.trans2.cmd", UINT, "SMB1 Transaction2 subcommand");
        f("smb.nt.function", UINT, "SMB1 NT Transact function");
        f("smb.search_pattern", STRING, "SMB1 search pattern");
        f("smb.account", STRING, "SMB1 Session Setup account");
        f("smb.primary_domain", STRING, "SMB1 Session Setup primary domain");
        f("smb.native_os", STRING, "SMB1 native OS");
        f("smb.native_lanman", STRING, "SMB1 native LAN manager");
        f("smb.dialect.name", STRING, "SMB1 Negotiate dialect name");
        f("smb.dialect.index", UINT, "SMB1 Negotiate selected dialect index");
        f("smb.server_guid", GUID, "SMB1 Negotiate server GUID");
        f("smb.sm", UINT, "SMB1 Negotiate security mode");
        f("smb.server_cap", UINT, "SMB1 Negotiate server capabilities");
        f("smb.create.action", UINT, "SMB1 create action");
        f("smb.create_options", UINT, "SMB1 NT Create options");
        f("smb.count", UINT, "SMB1 count");
        f("smb.data_len", UINT, "SMB1 data length (Read/Write AndX)");
        f("smb.offset", UINT, "SMB1 file offset (Read/Write AndX)");
        f("smb.max_read_size", UINT, "SMB1 max read size");
        f("smb.max_write_size", UINT, "SMB1 max write size");

        derived("smb2", PROTOCOL, "SMB2/3, including encrypted and compressed SMB3 messages");
        derived("smb2.flags.response", BOOLEAN, "SMB2 request/response flag (1 = response)");
        derived("smb2.acct", STRING, "SMB2 account of the message's session (from its NTLMSSP logon)");
        f("smb2.cmd", UINT, "SMB2 command code (each message of a compound)");
        f("smb2.nt_status", UINT, "SMB2 NT status (responses)");
        f("smb2.msg_id", UINT, "SMB2 message id");
        f("smb2.sesid", UINT, "SMB2 session id");
        f("smb2.tid", UINT, "SMB2 tree id");
        f("smb2.aid", UINT, "SMB2 async id");
        f("smb2.fid", GUID, "SMB2 file id");
        f("smb2.filename", STRING, "SMB2 file name (Create, Query Directory entries)");
        f("smb2.tree", STRING, "SMB2 tree path (\\\\server\\share)");
        f("smb2.share_type", UINT, "SMB2 share type (1 disk, 2 pipe, 3 print)");
        f("smb2.dialect", UINT, "SMB2 dialect");
        f("smb2.client_guid", GUID, "SMB2 Negotiate client GUID");
        f("smb2.server_guid", GUID, "SMB2 Negotiate server GUID");
        f("smb2.session_flags", UINT, "SMB2 Session Setup flags");
        f("smb2.max_read_size", UINT, "SMB2 max read size");
        f("smb2.max_write_size", UINT, "SMB2 max write size");
        f("smb2.max_trans_size", UINT, "SMB2 max transaction size");
        f("smb2.access_mask", UINT, "SMB2 Create access mask");
        f("smb2.create.disposition", UINT, "SMB2 Create disposition");
        f("smb2.create_options", UINT, "SMB2 Create options");
        f("smb2.create.action", UINT, "SMB2 Create action");
        f("smb2.create.context", STRING, "SMB2 Create context tag");
        f("smb2.file_attributes", UINT, "SMB2 file attributes");
        f("smb2.create.time", TIME, "SMB2 creation time");
        f("smb2.last_access.time", TIME, "SMB2 last access time");
        f("smb2.last_write.time", TIME, "SMB2 last write time");
        f("smb2.last_change.time", TIME, "SMB2 last change time");
        f("smb2.end_of_file", UINT, "SMB2 end of file");
        f("smb2.read_length", UINT, "SMB2 Read length");
        f("smb2.write_length", UINT, "SMB2 Write length");
        f("smb2.write.count", UINT, "SMB2 Write response count");
        f("smb2.file_offset", UINT, "SMB2 Read/Write file offset");
        f("smb2.class", UINT, "SMB2 Query/Set Info class");
        f("smb2.infolevel", UINT, "SMB2 Query/Set Info level");
        f("smb2.find.pattern", STRING, "SMB2 Query Directory search pattern");
        f("smb2.ioctl.function", UINT, "SMB2 IOCTL/FSCTL code");
        f("smb2.fsctl.wait.name", STRING, "SMB2 FSCTL_PIPE_WAIT pipe name");
        f("smb2.rename.name", STRING, "SMB2 rename target");
        f("smb2.disposition.delete_on_close", BOOLEAN, "SMB2 delete-on-close disposition");

        derived("ntlmssp", PROTOCOL, "NTLMSSP (any ntlmssp.* field)");
        f("ntlmssp.messagetype", UINT, "NTLMSSP message type (1 negotiate, 2 challenge, 3 auth)");
        f("ntlmssp.auth.username", STRING, "NTLMSSP user name");
        f("ntlmssp.auth.domain", STRING, "NTLMSSP domain");
        f("ntlmssp.auth.hostname", STRING, "NTLMSSP host name");
        f("ntlmssp.challenge.target_name", STRING, "NTLMSSP challenge target name");
        f("ntlmssp.ntlm_version", STRING, "NTLMSSP NTLM version");
        f("ntlmssp.os_version", STRING, "NTLMSSP OS version");
        f("ntlmssp.anonymous", BOOLEAN, "NTLMSSP anonymous authentication");
        f("gss.mech", STRING, "GSS-API/SPNEGO mechanism");
        derived("gss", PROTOCOL, "GSS-API (any gss.* field)");

        derived("dcerpc", PROTOCOL, "DCE/RPC (any dcerpc.* field)");
        f("dcerpc.pkt_type", UINT, "DCE/RPC packet type (0 request, 2 response, 11 bind, 12 bind ack)");
        f("dcerpc.cn_call_id", UINT, "DCE/RPC call id");
        f("dcerpc.cn_ctx_id", UINT, "DCE/RPC context id");
        f("dcerpc.cn_bind_to_uuid", GUID, "DCE/RPC interface UUID in a Bind or Alter Context");
        f("dcerpc.cn_bind_if_ver", UINT, "DCE/RPC interface version in a Bind");
        f("dcerpc.opnum", UINT, "DCE/RPC operation number");
        f("dcerpc.interface_name", STRING, "DCE/RPC interface name (samr, srvsvc, ...)");
        f("dcerpc.auth_type", UINT, "DCE/RPC authentication type");
        f("dcerpc.auth_level", UINT, "DCE/RPC authentication level");
        derived("dcerpc.op", STRING, "DCE/RPC operation name (NetrShareEnum, SamrEnumerateUsersInDomain, ...)");
        for (String iface : new java.util.TreeSet<>(INTERFACES)) {
            derived(iface, PROTOCOL, "DCE/RPC interface " + iface + " (a DCE/RPC message of that interface)");
            f(iface + ".opnum", UINT, "Operation number of a " + iface + " call");
        }
        for (String e : DcerpcArgFields.ALL) {
            int sp = e.indexOf(' ');
            f(e.substring(0, sp), e.endsWith(" s") ? STRING : UINT, "DCE/RPC call argument (decoded from the stub)");
        }
    }

    /** The field of that exact name, or null. */
    public static FieldInfo lookup(String name) {
        return FIELDS.get(name);
    }

    /** Every known field, protocols first within each group, in a stable order. */
    public static Collection<FieldInfo> all() {
        return Collections.unmodifiableCollection(FIELDS.values());
    }

    /** True when {@code name} is a DCERPC interface protocol name. */
    public static boolean isInterface(String name) {
        return INTERFACES.contains(name);
    }

    /** The known name nearest to {@code name} by edit distance (ties: first in order), or null if none is close. */
    public static String suggest(String name) {
        if (name.length() > 64) return null;
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : FIELDS.keySet()) {
            int d = distance(lower, k, bestD);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return bestD <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** Known names starting with a prefix (for completion and listings). */
    public static List<FieldInfo> withPrefix(String prefix) {
        List<FieldInfo> l = new ArrayList<>();
        for (FieldInfo f : FIELDS.values()) if (f.name().startsWith(prefix)) l.add(f);
        return l;
    }

    /** Levenshtein distance, giving up (returning {@code limit}) once every cell of a row reaches it. */
    static int distance(String a, String b, int limit) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= limit) return limit;
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
