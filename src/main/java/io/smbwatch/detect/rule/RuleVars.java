package io.smbwatch.detect.rule;

import io.smbwatch.config.Config;
import io.smbwatch.config.ConfigBuilder;
import io.smbwatch.config.ConfigException;
import io.smbwatch.config.ConfigFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule variables ({@code $HOME_NET}, {@code $HTTP_PORTS}, ...): Suricata 7's defaults from its
 * suricata.yaml, overridden by the {@code vars: address-groups / port-groups} of a config file.
 */
public final class RuleVars {
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Map<String, String> ports = new LinkedHashMap<>();

    /** Suricata 7.0's default suricata.yaml values. */
    public static RuleVars defaults() {
        RuleVars v = new RuleVars();
        v.addresses.put("HOME_NET", "[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]");
        v.addresses.put("EXTERNAL_NET", "!$HOME_NET");
        for (String s : new String[] {"HTTP_SERVERS", "SMTP_SERVERS", "SQL_SERVERS", "DNS_SERVERS", "TELNET_SERVERS",
                "DC_SERVERS", "DNP3_SERVER", "DNP3_CLIENT", "MODBUS_CLIENT", "MODBUS_SERVER", "ENIP_CLIENT", "ENIP_SERVER"}) {
            v.addresses.put(s, "$HOME_NET");
        }
        v.addresses.put("AIM_SERVERS", "$EXTERNAL_NET");
        v.ports.put("HTTP_PORTS", "80");
        v.ports.put("SHELLCODE_PORTS", "!80");
        v.ports.put("ORACLE_PORTS", "1521");
        v.ports.put("SSH_PORTS", "22");
        v.ports.put("DNP3_PORTS", "20000");
        v.ports.put("MODBUS_PORTS", "502");
        v.ports.put("FILE_DATA_PORTS", "[$HTTP_PORTS,110,143]");
        v.ports.put("FTP_PORTS", "21");
        v.ports.put("GENEVE_PORTS", "6081");
        v.ports.put("VXLAN_PORTS", "4789");
        v.ports.put("TEREDO_PORTS", "3544");
        return v;
    }

    /** The defaults overridden by the {@code vars} section of a configuration file (Suricata's, or smbwatch's). */
    public static RuleVars load(Path yaml) throws IOException {
        ConfigBuilder b = new ConfigBuilder();
        try {
            ConfigFile.read(yaml, b);
            return of(b.build().vars());
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The defaults overridden by a run's {@code vars}. */
    public static RuleVars of(Config.Vars vars) {
        RuleVars v = defaults();
        v.addresses.putAll(vars.addressGroups());
        v.ports.putAll(vars.portGroups());
        return v;
    }

    public RuleVars setAddress(String name, String value) {
        addresses.put(name, value);
        return this;
    }

    public RuleVars setPort(String name, String value) {
        ports.put(name, value);
        return this;
    }

    public String address(String name) {
        return addresses.get(name);
    }

    public String port(String name) {
        return ports.get(name);
    }

    /** Splits a group's inside at top-level commas. */
    static List<String> splitGroup(String s) {
        List<String> l = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c == ',' && depth == 0) {
                if (!s.substring(start, i).isBlank()) l.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (!s.substring(start).isBlank()) l.add(s.substring(start).trim());
        return l;
    }
}
