package io.smbwatch.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smbwatch.corpus.Differences;
import io.smbwatch.corpus.Run;
import io.smbwatch.corpus.Shared;
import io.smbwatch.proto.dcerpc.DcerpcRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Zeek's dce_rpc.log baselines (../shared/pcaps/zeek/testing/btest/Baseline/*&#47;dce_rpc.log):
 * per connection, the same calls as (endpoint, operation). Zeek names endpoints and operations
 * as the Microsoft specifications do (consts.zeek: "drsuapi" / "DRSBind"), smbwatch as Wireshark
 * does ("DRSUAPI" / "DsBind"), so both are compared through the interface UUID and opnum that
 * the names stand for in Zeek's own table (scripts/base/protocols/dce-rpc/consts.zeek). Each
 * baseline is matched to its trace by the addresses in the log.
 * Known differences: check "zeek-dce" in docs/DIFFERENCES.md, at the frame of our request.
 */
class ZeekDceRpcLogsTest {
    static final String BASE = "zeek/testing/btest/Baseline/";

    static Stream<Arguments> baselines() {
        return Stream.of(
                Arguments.of("scripts.base.protocols.dce-rpc.context", "zeek/testing/btest/Traces/dce-rpc/cs_window7-join_stream092.pcap"),
                Arguments.of("scripts.base.protocols.dce-rpc.dce_rpc_netlogon", "zeek/testing/btest/Traces/dce-rpc/dce_rpc_netlogon.pcapng"),
                Arguments.of("scripts.base.protocols.dce-rpc.mapi", "zeek/testing/btest/Traces/dce-rpc/mapi.pcap"),
                Arguments.of("scripts.base.protocols.smb.smb1-transaction-dcerpc",
                        "zeek/testing/btest/Traces/smb/dssetup_DsRoleGetPrimaryDomainInformation_standalone_workstation.cap"));
    }

    /** Zeek's endpoint names (consts.zeek uuid_endpoint_map) for the interfaces of these baselines. */
    static final Map<String, String> ENDPOINTS = Map.of(
            "drsuapi", "e3514235-4b06-11d1-ab04-00c04fc2dcd2",
            "netlogon", "12345678-1234-abcd-ef00-01234567cffb",
            "epmapper", "e1af8308-5d1f-11c9-91a4-08002b14a0fa",
            "nspi", "f5cc5a18-4264-101a-8c59-08002b2f8426",
            "exchange_mapi", "a4f1db00-ca47-1067-b31f-00dd010662da",
            "dssetup", "3919286a-b10c-11d0-9ba8-00c04fd92ef5");

    /** Zeek's operation names (consts.zeek operations) → opnum, for the same interfaces. */
    static final Map<String, Integer> OPERATIONS = Map.ofEntries(
            Map.entry("drsuapi DRSBind", 0), Map.entry("drsuapi DRSUnbind", 1), Map.entry("drsuapi DRSCrackNames", 12),
            Map.entry("netlogon NetrLogonSamLogonWithFlags", 45),
            Map.entry("epmapper ept_lookup", 2), Map.entry("epmapper ept_map", 3),
            Map.entry("nspi NspiBind", 0),
            Map.entry("exchange_mapi EcDoConnect", 0), Map.entry("exchange_mapi EcDoRpc", 2),
            Map.entry("exchange_mapi EcRRegisterPushNotification", 4),
            Map.entry("dssetup DsRolerGetPrimaryDomainInformation", 0));

    /** One call: connection, interface UUID, opnum; our frame and name (0 / Zeek's name for Zeek's rows). */
    record Call(String conn, String uuid, long opnum, long frame, String name) {
        String key() {
            return conn + " " + uuid + " " + opnum;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void sameCallsAsZeek(String baseline, String trace) throws IOException {
        Path root = Shared.require();
        List<Call> zeek = new ArrayList<>();
        for (Map<String, String> r : ZeekSmbLogsTest.zeekLog(root.resolve("pcaps").resolve(BASE + baseline).resolve("dce_rpc.log"))) {
            String ep = r.get("endpoint");
            String uuid = ENDPOINTS.get(ep);
            Integer op = OPERATIONS.get(ep + " " + r.get("operation"));
            assertNotNull(uuid, "endpoint " + ep + " not in the table");
            assertNotNull(op, "operation " + ep + " " + r.get("operation") + " not in the table");
            zeek.add(new Call(ZeekSmbLogsTest.conn(r.get("id.orig_h"), r.get("id.orig_p"), r.get("id.resp_h"), r.get("id.resp_p")),
                    uuid, op, 0, ep + " " + r.get("operation")));
        }
        assertFalse(zeek.isEmpty());
        List<Call> ours = new ArrayList<>();
        for (SmbMessage m : new Run(Shared.pcap(trace)).messages) {
            Long type = m.fields.getLong("dcerpc.pkt_type");
            if (type == null || type != DcerpcRecords.REQUEST) continue;
            if ((m.fields.getLong("dcerpc.cn_flags") & DcerpcRecords.PFC_LAST_FRAG) == 0) continue;
            String uuid = m.fields.getString("dcerpc.interface");
            Long opnum = m.fields.getLong("dcerpc.opnum");
            if (uuid == null || opnum == null) continue;    // no Bind seen: Zeek cannot name it either
            String c = ZeekSmbLogsTest.conn(m.flow.clientAddress(), "" + m.flow.clientPort, m.flow.serverAddress(), "" + m.flow.serverPort);
            ours.add(new Call(c, uuid, opnum, m.frame, m.fields.getString("dcerpc.interface_name") + " " + m.fields.getString("dcerpc.op")));
        }
        List<Call> missing = new ArrayList<>(zeek);
        List<Call> extra = new ArrayList<>();
        for (Call o : ours) {
            Call hit = null;
            for (Call z : missing) if (z.key().equals(o.key())) { hit = z; break; }
            if (hit != null) missing.remove(hit);
            else extra.add(o);
        }
        Differences known = Differences.load();
        List<String> diffs = new ArrayList<>();
        // A Zeek row and one of ours on the same connection that name different operations
        for (Iterator<Call> it = missing.iterator(); it.hasNext(); ) {
            Call z = it.next();
            for (Call o : extra) {
                if (!o.conn.equals(z.conn)) continue;
                extra.remove(o);
                it.remove();
                if (!known.listed("zeek-dce", trace, o.frame)) {
                    diffs.add(z.conn + " frame " + o.frame + ": Zeek " + z.name + ", smbwatch " + o.name);
                }
                break;
            }
        }
        for (Call z : missing) diffs.add(z.conn + ": Zeek " + z.name + ", smbwatch none");
        for (Call o : extra) {
            if (!known.listed("zeek-dce", trace, o.frame)) diffs.add(o.conn + " frame " + o.frame + ": Zeek none, smbwatch " + o.name);
        }
        System.out.printf("zeek-dce %-70s %d Zeek calls, %d of ours, %d differences%n", trace, zeek.size(), ours.size(), diffs.size());
        assertTrue(diffs.isEmpty(), trace + ":\n" + String.join("\n", diffs.subList(0, Math.min(40, diffs.size()))));
    }
}
