package io.smbwatch.proto.dcerpc;

import java.util.HashMap;
import java.util.Map;

/**
 * Interface UUIDs and operation names (open codes: unknown interfaces and opnums stay numbers).
 * Names are tshark's, generated into {@link DcerpcInterfaceTable}.
 */
public final class DcerpcInterfaces {
    private DcerpcInterfaces() {}

    /**
     * A known interface.
     *
     * @param bindName the name tshark shows in a Bind's context items ("EPMv4", "SAMR")
     * @param protocol the name tshark shows in the Protocol column of its calls ("EPM", "SAMR")
     * @param prefix Wireshark's field prefix ("samr" for samr.opnum)
     */
    public record Iface(String uuid, String bindName, String protocol, String prefix, String[] ops) {
        /** Operation name, or null for an opnum the table does not name. */
        public String op(int opnum) {
            return opnum >= 0 && opnum < ops.length ? ops[opnum] : null;
        }
    }

    interface Sink {
        void add(String uuid, String bindName, String protocol, String prefix, String[] ops);
    }

    private static final Map<String, Iface> BY_UUID = new HashMap<>();

    static {
        DcerpcInterfaceTable.fill((u, b, p, x, ops) -> BY_UUID.put(u, new Iface(u, b, p, x, ops)));
    }

    public static final String NDR32 = "8a885d04-1ceb-11c9-9fe8-08002b104860";
    public static final String NDR64 = "71710533-beba-4937-8319-b5dbef9ccc36";

    /** The interface with this UUID (lower-case, dashed), or null. */
    public static Iface find(String uuid) {
        return uuid == null ? null : BY_UUID.get(uuid);
    }

    /** Transfer syntax as tshark names it: "32bit NDR", "64bit NDR", else the UUID. */
    public static String transferSyntax(String uuid) {
        if (NDR32.equals(uuid)) return "32bit NDR";
        if (NDR64.equals(uuid)) return "64bit NDR";
        return uuid;
    }
}
