package io.smbwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smbwatch.corpus.Eve;
import io.smbwatch.corpus.Run;
import io.smbwatch.proto.dcerpc.DcerpcRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * samples/dcerpc-sample.pcap (scripts/make-dcerpc-sample.sh): rpcclient and impacket against
 * Samba on loopback. Every call is named, and the key arguments (user names, share names,
 * command lines, service binary path) are in the fields and in the EVE output; calls cut into
 * DCERPC fragments and PDUs cut across SMB writes (a Bind, two Alter Contexts) are reassembled.
 */
class DcerpcSampleTest {
    static final Path SAMPLE = Path.of("samples", "dcerpc-sample.pcap");
    static List<SmbMessage> rpc;
    static String eve;

    @BeforeAll
    static void run() throws IOException {
        rpc = new ArrayList<>();
        for (SmbMessage m : new Run(SAMPLE).messages) if (m.fields.has("dcerpc.pkt_type")) rpc.add(m);
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : Eve.smbwatch(SAMPLE)) sb.append(e).append('\n');
        eve = sb.toString();
    }

    private static boolean last(SmbMessage m) {
        return (m.fields.getLong("dcerpc.cn_flags") & DcerpcRecords.PFC_LAST_FRAG) != 0;
    }

    private static boolean call(SmbMessage m) {
        return m.command == DcerpcRecords.REQUEST || m.command == DcerpcRecords.RESPONSE || m.command == DcerpcRecords.FAULT;
    }

    /** The last fragment of the named operation's request (or response). */
    private static SmbMessage op(String op, boolean response) {
        for (SmbMessage m : rpc) {
            if (call(m) && last(m) && m.response == response && op.equals(m.fields.getString("dcerpc.op"))) return m;
        }
        throw new AssertionError(op + (response ? " response" : " request") + " not found");
    }

    private static List<String> strings(SmbMessage m, String field) {
        List<String> l = new ArrayList<>();
        for (Object o : m.fields.all(field)) l.add(o.toString());
        return l;
    }

    @Test
    void everyCallIsNamed() {
        Set<String> ops = new TreeSet<>();
        int calls = 0;
        for (SmbMessage m : rpc) {
            if (!call(m) || !last(m)) continue;
            calls++;
            String op = m.fields.getString("dcerpc.op");
            assertNotNull(op, "frame " + m.frame + " unnamed: " + m.info);
            assertNotNull(m.fields.getString("dcerpc.interface_name"), "frame " + m.frame);
            ops.add(m.fields.getString("dcerpc.interface_name") + " " + op);
        }
        assertEquals(58, calls, "request, response and fault PDUs that end a call");
        for (String want : new String[] {"SAMR EnumDomainUsers", "SAMR LookupNames", "SAMR QueryUserInfo", "SAMR OpenUser",
                "LSARPC lsa_LookupNames", "SRVSVC NetShareEnumAll", "SVCCTL OpenSCManagerW", "SVCCTL CreateServiceW",
                "ATSVC JobAdd", "TaskSchedulerService SchRpcRegisterTask"}) {
            assertTrue(ops.contains(want), want + " not among " + ops);
        }
    }

    @Test
    void userNames() {
        assertEquals(List.of("smbtest"), strings(op("EnumDomainUsers", true), "samr.samr_SamEntry.name"));
        SmbMessage q = op("LookupNames", false);
        assertEquals(List.of("smbtest", "nosuchuser"), strings(q, "samr.samr_LookupNames.names"));
        assertEquals(2L, q.fields.getLong("samr.samr_LookupNames.num_names"));
        SmbMessage r = op("LookupNames", true);
        assertEquals(List.of("1000", "4294967295"), strings(r, "samr.rid"));
        assertEquals(List.of("1", "8"), strings(r, "samr.samr_LookupNames.types"));   // SID_NAME_USER, SID_NAME_UNKNOWN
        assertEquals(21L, op("QueryUserInfo", false).fields.getLong("samr.samr_QueryUserInfo.level"));
        SmbMessage info = op("QueryUserInfo", true);
        assertEquals("smbtest", info.fields.getString("samr.samr_UserInfo21.account_name"));
        assertEquals(1000L, info.fields.getLong("samr.rid"));
        assertEquals(513L, info.fields.getLong("samr.samr_UserInfo21.primary_gid"));
        assertEquals(0x10L, info.fields.getLong("samr.samr_UserInfo21.acct_flags"));    // ACB_NORMAL
        assertEquals("\\\\SMBWATCHSRV\\smbtest", info.fields.getString("samr.samr_UserInfo21.home_directory"));
        assertEquals(List.of("smbtest"), strings(op("lsa_LookupNames", false), "lsarpc.lsa_String.string"));
        for (String s : new String[] {"\"samr.samr_UserInfo21.account_name\":\"smbtest\"", "\"samr.samr_SamEntry.name\":\"smbtest\"",
                "\"samr.samr_LookupNames.names\":[\"smbtest\",\"nosuchuser\"]"}) {
            assertTrue(eve.contains(s), s + " not in EVE");
        }
    }

    @Test
    void shareNames() {
        int fragmented = 0;
        for (SmbMessage m : rpc) {
            if (!m.response || !last(m) || !"NetShareEnumAll".equals(m.fields.getString("dcerpc.op"))) continue;
            List<String> names = strings(m, m.fields.has("srvsvc.srvsvc_NetShareInfo2.name")
                    ? "srvsvc.srvsvc_NetShareInfo2.name" : "srvsvc.srvsvc_NetShareInfo1.name");
            assertEquals(27, names.size(), "frame " + m.frame);
            assertEquals("data", names.get(0));
            assertEquals("share25", names.get(25));
            assertEquals("IPC$", names.get(26));
            if (m.fields.getLong("dcerpc.frag_cnt") > 1) fragmented++;
        }
        assertEquals(2, fragmented, "both NetShareEnumAll responses come in several fragments");
        assertTrue(eve.contains("\"share25\""), "share names in EVE");
    }

    @Test
    void commandLinesAndServicePath() {
        SmbMessage job = op("JobAdd", false);
        assertEquals("cmd.exe /c net user backdoor Passw0rd! /add", job.fields.getString("atsvc.atsvc_JobInfo.command"));
        SmbMessage task = op("SchRpcRegisterTask", false);
        assertEquals("\\smbwatchtask", task.fields.getString("taskschedulerservice.SchRpcRegisterTask.path"));
        assertTrue(task.fields.getString("taskschedulerservice.SchRpcRegisterTask.xml").contains("/C whoami &gt; C:\\Windows\\Temp\\out.txt"));
        SmbMessage svc = op("CreateServiceW", false);
        assertEquals("smbwatchsvc", svc.fields.getString("svcctl.svcctl_CreateServiceW.ServiceName"));
        assertEquals("%COMSPEC% /c C:\\Windows\\Temp\\payload.exe -install",
                svc.fields.getString("svcctl.svcctl_CreateServiceW.binary_path"));
        for (String s : new String[] {"net user backdoor Passw0rd! /add", "payload.exe -install", "whoami", "smbwatchtask"}) {
            assertTrue(eve.contains(s), s + " not in EVE");
        }
    }

    /** Calls on contexts the server rejected (atsvc, tsch offered on \svcctl) are named, their faults too. */
    @Test
    void rejectedContextsStillNameTheirCalls() {
        SmbMessage fault = null;
        for (SmbMessage m : rpc) if (m.command == DcerpcRecords.FAULT && "JobAdd".equals(m.fields.getString("dcerpc.op"))) fault = m;
        assertNotNull(fault);
        assertEquals(0x1c010003L, fault.status);
        assertTrue(fault.info.endsWith("status: nca_unk_if"), fault.info);
    }

    /** Requests cut into DCERPC fragments (impacket set_max_fragment_size 64): the stub is reassembled. */
    @Test
    void fragmentedRequestReassembled() {
        SmbMessage svc = op("CreateServiceW", false);
        assertEquals(5L, svc.fields.getLong("dcerpc.frag_cnt"));
        assertEquals(svc.fields.getLong("dcerpc.cn_alloc_hint"), svc.fields.getLong("dcerpc.stub_size"));
        int firsts = 0;
        for (SmbMessage m : rpc) {
            if (m.command == DcerpcRecords.REQUEST && m.messageId == svc.messageId && m.flow == svc.flow && !last(m)) {
                firsts++;
                assertEquals("CreateServiceW", m.fields.getString("dcerpc.op"), "fragment " + m.frame + " knows its call");
                assertFalse(m.fields.has("svcctl.svcctl_CreateServiceW.binary_path"), "arguments only once whole");
            }
        }
        assertEquals(4, firsts);
    }

    /** A Bind and two Alter Contexts were cut across SMB writes of 40-48 bytes: each is one PDU. */
    @Test
    void bindAndAlterContextAcrossWrites() {
        List<String> split = new ArrayList<>();
        for (SmbMessage m : rpc) {
            if ((m.command == DcerpcRecords.BIND || m.command == DcerpcRecords.ALTER_CONTEXT) && m.firstFrame < m.frame) {
                split.add(m.commandName + " " + m.fields.getString("dcerpc.cn_bind_to_uuid"));
            }
        }
        assertEquals(List.of("Bind 367abb81-9844-35f1-ad32-98f038001003", "Alter_context 1ff70682-0a51-30e8-076d-740be8cee98b",
                "Alter_context 86d35949-83c9-4044-b424-db363231fd0c"), split);
    }
}
