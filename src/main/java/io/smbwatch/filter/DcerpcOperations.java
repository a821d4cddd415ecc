package io.smbwatch.filter;

import java.util.HashMap;
import java.util.Map;

/**
 * Operation names for {@code dcerpc.op} when the DCERPC dissector gives an interface and an
 * opnum but no name: the calls an analyst of SMB traffic looks for (names as in Samba's IDL,
 * which Wireshark's PIDL dissectors share). The dissector's own {@code dcerpc.op} wins.
 */
final class DcerpcOperations {
    private DcerpcOperations() {}

    private static final Map<String, String> NAMES = new HashMap<>();

    private static void add(String iface, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) NAMES.put(iface + "/" + pairs[i], (String) pairs[i + 1]);
    }

    static {
        add("srvsvc", 8, "NetConnEnum", 9, "NetFileEnum", 12, "NetSessEnum", 14, "NetShareAdd", 15, "NetShareEnumAll",
                16, "NetShareGetInfo", 17, "NetShareSetInfo", 18, "NetShareDel", 21, "NetSrvGetInfo", 28, "NetRemoteTOD",
                30, "NetPathType", 31, "NetPathCanonicalize", 32, "NetPathCompare", 33, "NetNameValidate", 36, "NetShareEnum");
        add("samr", 0, "Connect", 1, "Close", 5, "LookupDomain", 6, "EnumDomains", 7, "OpenDomain", 8, "QueryDomainInfo",
                11, "EnumDomainGroups", 13, "EnumDomainUsers", 15, "EnumDomainAliases", 16, "GetAliasMembership",
                17, "LookupNames", 18, "LookupRids", 19, "OpenGroup", 25, "QueryGroupMember", 27, "OpenAlias",
                33, "GetMembersInAlias", 34, "OpenUser", 35, "DeleteUser", 36, "QueryUserInfo", 37, "SetUserInfo",
                38, "ChangePasswordUser", 39, "GetGroupsForUser", 40, "QueryDisplayInfo", 44, "GetUserPwInfo",
                46, "QueryDomainInfo2", 50, "CreateUser2", 55, "ChangePasswordUser2", 56, "GetDomPwInfo", 57, "Connect2",
                58, "SetUserInfo2", 62, "Connect4", 63, "ChangePasswordUser3", 64, "Connect5", 65, "RidToSid");
        add("lsarpc", 0, "lsa_Close", 6, "lsa_OpenPolicy", 7, "lsa_QueryInfoPolicy", 11, "lsa_EnumAccounts",
                14, "lsa_LookupNames", 15, "lsa_LookupSids", 16, "lsa_CreateSecret", 28, "lsa_OpenSecret",
                30, "lsa_QuerySecret", 43, "lsa_RetrievePrivateData", 44, "lsa_OpenPolicy2", 45, "lsa_GetUserName",
                46, "lsa_QueryInfoPolicy2", 57, "lsa_LookupSids2", 58, "lsa_LookupNames2", 68, "lsa_LookupNames3",
                76, "lsa_LookupSids3", 77, "lsa_LookupNames4");
        add("svcctl", 0, "CloseServiceHandle", 1, "ControlService", 2, "DeleteService", 6, "QueryServiceStatus",
                11, "ChangeServiceConfigW", 12, "CreateServiceW", 14, "EnumServicesStatusW", 15, "OpenSCManagerW",
                16, "OpenServiceW", 17, "QueryServiceConfigW", 19, "StartServiceW", 24, "CreateServiceA",
                27, "OpenSCManagerA", 28, "OpenServiceA", 31, "StartServiceA", 42, "EnumServicesStatusExW");
        add("atsvc", 0, "JobAdd", 1, "JobDel", 2, "JobEnum", 3, "JobGetInfo");
        add("netlogon", 4, "NetrServerReqChallenge", 5, "NetrServerAuthenticate", 6, "NetrServerPasswordSet",
                15, "NetrServerAuthenticate2", 26, "NetrServerAuthenticate3", 30, "NetrServerPasswordSet2",
                39, "NetrLogonSamLogonEx");
        add("winreg", 0, "OpenHKCR", 1, "OpenHKCU", 2, "OpenHKLM", 3, "OpenHKPD", 4, "OpenHKU", 5, "CloseKey",
                6, "CreateKey", 7, "DeleteKey", 8, "DeleteValue", 9, "EnumKey", 10, "EnumValue", 15, "OpenKey",
                16, "QueryInfoKey", 17, "QueryValue", 20, "SaveKey", 22, "SetValue", 26, "GetVersion");
        add("drsuapi", 0, "DsBind", 1, "DsUnbind", 2, "DsReplicaSync", 3, "DsGetNCChanges", 12, "DsCrackNames",
                16, "DsGetDomainControllerInfo");
        add("dssetup", 0, "DsRoleGetPrimaryDomainInformation");
        add("epm", 0, "Insert", 1, "Delete", 2, "Lookup", 3, "Map");
        add("wkssvc", 0, "NetWkstaGetInfo", 2, "NetWkstaEnumUsers");
    }

    static String name(String iface, int opnum) {
        return NAMES.get(iface + "/" + opnum);
    }
}
