package io.smbwatch.cli;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.detect.rule.AddressSpec;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.detect.rule.RuleException;
import io.smbwatch.detect.rule.RuleVars;
import io.smbwatch.flow.Flow;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Says once, after the run, that {@code $HOME_NET} held none of the addresses seen while rules
 * naming it were loaded: those rules could not fire (the loopback samples sit outside Suricata's
 * default), and the fix is a {@code vars} section given with {@code --config}.
 */
final class HomeNetNote implements MessageListener {
    /** Addresses named at most; those past it are only counted, up to {@link #COUNTED}. */
    static final int NAMED = 8, COUNTED = 4096;

    private final AddressSpec home;
    private final String homeText;
    private final long rules;
    private final Set<String> seen = new LinkedHashSet<>();
    private boolean inside;
    private long lastFlow = -1;

    private HomeNetNote(AddressSpec home, String homeText, long rules) {
        this.home = home;
        this.homeText = homeText;
        this.rules = rules;
    }

    /** The note for these rules, or null when none names $HOME_NET in its header (or the variable does not parse). */
    static HomeNetNote of(List<Rule> loaded, RuleVars vars) {
        long n = loaded.stream().filter(r -> r.inert() == null && header(r).contains("$HOME_NET")).count();
        if (n == 0) return null;
        try {
            return new HomeNetNote(AddressSpec.parse("$HOME_NET", vars), vars.address("HOME_NET"), n);
        } catch (RuleException e) {
            return null;
        }
    }

    private static String header(Rule r) {
        String t = r.text() == null ? "" : r.text();
        int p = t.indexOf('(');
        return p < 0 ? t : t.substring(0, p);
    }

    @Override
    public void onMessage(SmbMessage m) {
        Flow f = m.flow;
        if (inside || f == null || f.id == lastFlow) return;
        lastFlow = f.id;
        if (home.matches(f.ipVersion, f.clientHi, f.clientLo) || home.matches(f.ipVersion, f.serverHi, f.serverLo)) {
            inside = true;
            seen.clear();
            return;
        }
        if (seen.size() < COUNTED) {
            seen.add(f.clientAddress());
            seen.add(f.serverAddress());
        }
    }

    /** The note, when it applies. */
    void print(PrintStream err) {
        if (inside || seen.isEmpty()) return;
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (String a : seen) {
            if (i == NAMED) {
                b.append(", ...");
                break;
            }
            b.append(i++ == 0 ? "" : ", ").append(a);
        }
        err.println("note: $HOME_NET (" + homeText + ") holds none of the addresses seen (" + seen.size()
                + (seen.size() == COUNTED ? "+" : "") + ": " + b + "), so the " + rules + " rules that name $HOME_NET in their header could not"
                + " fire on them; set vars: address-groups: HOME_NET in a file given with --config (docs/CONFIG.md)");
    }
}
