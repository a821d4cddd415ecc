package io.smbwatch.detect.builtin;

import io.smbwatch.config.Limit;
import io.smbwatch.stats.Anomalies;
import io.smbwatch.stats.AnomalyKind;
import io.smbwatch.stats.Capped;
import io.smbwatch.app.BoundedMap;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.DetectionSink;
import io.smbwatch.detect.DetectorConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Null-session enumeration: an anonymous session (NTLMSSP with no user and an empty NT response,
 * or an SMB1 Session Setup with an empty account) whose DCERPC calls on SAMR or LSARPC enumerate
 * accounts, domains or policy. One detection per connection, naming the calls seen.
 */
public final class NullSessionEnum implements MessageListener, Capped {
    public static final String ID = "null-session-enum";

    /** SAMR and LSARPC operations that list or resolve accounts, groups, domains and policy. */
    static final Set<String> ENUMERATION = Set.of("EnumDomains", "EnumDomainUsers", "EnumDomainGroups",
            "EnumDomainAliases", "LookupDomain", "LookupNames", "LookupRids", "QueryDisplayInfo", "QueryDisplayInfo2",
            "QueryDisplayInfo3", "QueryDomainInfo", "QueryDomainInfo2", "QueryUserInfo", "QueryUserInfo2",
            "GetGroupsForUser", "GetAliasMembership", "QueryGroupMember", "lsa_LookupNames", "lsa_LookupSids",
            "lsa_LookupNames2", "lsa_LookupNames3", "lsa_LookupSids2", "lsa_LookupSids3", "lsa_EnumAccounts",
            "lsa_EnumTrustDom", "lsa_QueryInfoPolicy", "lsa_QueryInfoPolicy2", "LsarLookupNames", "LsarLookupSids",
            "LsarEnumerateAccounts", "LsarQueryInformationPolicy", "LookupSids", "EnumAccounts", "QueryInfoPolicy",
            "QueryInfoPolicy2", "EnumTrustDom", "LookupNames2", "LookupNames3", "LookupSids2", "LookupSids3");

    private final DetectionSink sink;
    private final BoundedMap<Long, Boolean> reported;

    public NullSessionEnum(DetectorConfig c, DetectionSink sink) {
        this.reported = new BoundedMap<>(c.limits().getInt(Limit.DETECT_STATE));
        this.sink = sink;
    }

    @Override
    public void onMessage(SmbMessage m) {
        if (m.response || !m.fields.has("dcerpc.pkt_type") || m.user == null || !m.user.isEmpty()) return;
        String iface = m.fields.getString("dcerpc.interface_name");
        String op = m.fields.getString("dcerpc.op");
        if (iface == null || op == null || !(iface.equals("SAMR") || iface.equals("LSARPC"))) return;
        if (!ENUMERATION.contains(op)) return;
        if (reported.put(m.flow.id, Boolean.TRUE) != null) return;
        String explain = "DCERPC " + iface + " " + op + " request in frame " + m.frame + " on "
                + (m.tree != null ? m.tree : "a pipe") + " (" + m.file + ") within an anonymous session"
                + " (Session Setup with an empty user name" + (m.domain != null && !m.domain.isEmpty() ? ", domain " + m.domain : "")
                + "): account enumeration without credentials";
        sink.onDetection(Evidence.of(ID, "Null-session " + iface + " enumeration", 2, m, List.of(m.frame), explain,
                Map.of("interface", iface, "operation", op)));
    }

    @Override
    public void countCaps(Anomalies into) {
        into.add(AnomalyKind.DETECT_NULL_SESSION_CAP, reported.evicted());
    }
}
