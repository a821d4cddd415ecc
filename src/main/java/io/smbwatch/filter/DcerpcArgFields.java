package io.smbwatch.filter;

/**
 * The DCERPC call arguments smbwatch decodes ({@link io.smbwatch.proto.dcerpc.DcerpcArgs}), named
 * as Wireshark's PIDL dissectors name them: filter fields like any other, so that what a detector's
 * explanation names ({@code srvsvc.srvsvc_NetPathCanonicalize.path}) can be typed after -Y.
 * Entries are "name type" with s for text, u for an unsigned integer.
 */
final class DcerpcArgFields {
    private DcerpcArgFields() {}

    static final String[] ALL = {
        "srvsvc.srvsvc_NetPathCanonicalize.server_unc s", "srvsvc.srvsvc_NetPathCanonicalize.path s",
        "srvsvc.srvsvc_NetPathCanonicalize.maxbuf u", "srvsvc.srvsvc_NetPathCanonicalize.prefix s",
        "srvsvc.srvsvc_NetPathCanonicalize.pathtype u", "srvsvc.srvsvc_NetPathCanonicalize.pathflags u",
        "srvsvc.srvsvc_NetPathCompare.server_unc s", "srvsvc.srvsvc_NetPathCompare.path1 s",
        "srvsvc.srvsvc_NetPathCompare.path2 s", "srvsvc.srvsvc_NetPathCompare.pathtype u",
        "srvsvc.srvsvc_NetPathCompare.pathflags u",
        "srvsvc.srvsvc_NetShareEnumAll.server_unc s", "srvsvc.srvsvc_NetShareEnumAll.level u",
        "srvsvc.srvsvc_NetShareEnumAll.max_buffer u",
        "srvsvc.srvsvc_NetShareCtr0.count u", "srvsvc.srvsvc_NetShareCtr1.count u", "srvsvc.srvsvc_NetShareCtr2.count u",
        "srvsvc.srvsvc_NetShareInfo0.name s", "srvsvc.srvsvc_NetShareInfo1.name s", "srvsvc.srvsvc_NetShareInfo1.type u",
        "srvsvc.srvsvc_NetShareInfo1.comment s", "srvsvc.srvsvc_NetShareInfo2.name s", "srvsvc.srvsvc_NetShareInfo2.type u",
        "srvsvc.srvsvc_NetShareInfo2.comment s", "srvsvc.srvsvc_NetShareInfo2.path s", "srvsvc.srvsvc_NetShareInfo2.password s",
        "atsvc.atsvc_JobAdd.servername s", "atsvc.atsvc_JobInfo.job_time u", "atsvc.atsvc_JobInfo.days_of_month u",
        "atsvc.atsvc_JobInfo.days_of_week u", "atsvc.atsvc_JobInfo.flags u", "atsvc.atsvc_JobInfo.command s",
        "taskschedulerservice.SchRpcRegisterTask.path s", "taskschedulerservice.SchRpcRegisterTask.xml s",
        "taskschedulerservice.SchRpcRegisterTask.flags u", "taskschedulerservice.SchRpcRegisterTask.sddl s",
        "taskschedulerservice.SchRpcRegisterTask.logon_type u",
        "svcctl.svcctl_CreateServiceW.ServiceName s", "svcctl.svcctl_CreateServiceW.DisplayName s",
        "svcctl.svcctl_CreateServiceW.desired_access u", "svcctl.svcctl_CreateServiceW.type u",
        "svcctl.svcctl_CreateServiceW.start_type u", "svcctl.svcctl_CreateServiceW.error_control u",
        "svcctl.svcctl_CreateServiceW.binary_path s",
        "svcctl.svcctl_CreateServiceA.ServiceName s", "svcctl.svcctl_CreateServiceA.DisplayName s",
        "svcctl.svcctl_CreateServiceA.desired_access u", "svcctl.svcctl_CreateServiceA.type u",
        "svcctl.svcctl_CreateServiceA.start_type u", "svcctl.svcctl_CreateServiceA.error_control u",
        "svcctl.svcctl_CreateServiceA.binary_path s",
        "samr.samr_LookupDomain.domain_name s", "samr.samr_LookupDomain.sid s", "samr.samr_OpenUser.access_mask u",
        "samr.samr_OpenUser.rid u", "samr.samr_EnumDomainUsers.resume_handle u", "samr.samr_EnumDomainUsers.acct_flags u",
        "samr.samr_EnumDomainUsers.max_size u", "samr.samr_EnumDomainUsers.num_entries u",
        "samr.samr_SamEntry.idx u", "samr.samr_SamEntry.name s",
        "samr.samr_LookupNames.num_names u", "samr.samr_LookupNames.names s", "samr.samr_LookupNames.types u",
        "samr.samr_Ids.count u", "samr.rid u", "samr.samr_QueryUserInfo.level u", "samr.samr_QueryUserInfo2.level u",
        "samr.samr_UserInfo.level u", "samr.samr_UserInfo21.primary_gid u", "samr.samr_UserInfo21.acct_flags u",
        "samr.samr_UserInfo21.account_name s", "samr.samr_UserInfo21.full_name s", "samr.samr_UserInfo21.home_directory s",
        "samr.samr_UserInfo21.home_drive s", "samr.samr_UserInfo21.logon_script s", "samr.samr_UserInfo21.profile_path s",
        "samr.samr_UserInfo21.description s", "samr.samr_UserInfo21.workstations s", "samr.samr_UserInfo21.comment s",
        "samr.samr_UserInfo1.primary_gid u", "samr.samr_UserInfo1.account_name s", "samr.samr_UserInfo1.full_name s",
        "samr.samr_UserInfo1.description s", "samr.samr_UserInfo1.comment s",
        "winreg.winreg_OpenKey.keyname s", "winreg.winreg_OpenKey.options u", "winreg.winreg_OpenKey.access_mask u",
        "winreg.winreg_CreateKey.name s", "winreg.winreg_SetValue.name s", "winreg.winreg_SetValue.type u",
        "winreg.winreg_SetValue.size u", "lsarpc.lsa_String.string s", "lsarpc.lsa_SidPtr.sid s",
    };
}
