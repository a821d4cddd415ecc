package io.smbwatch.detect.rule;

import java.util.ArrayList;
import java.util.List;

/** A rule header port: {@code any}, {@code 445}, {@code 1024:}, {@code :1023}, {@code 1:9}, {@code $VAR}, groups and negation. */
public final class PortSpec {
    private final boolean negated, any;
    private final int lo, hi;
    private final List<PortSpec> members;

    private PortSpec(boolean negated, boolean any, int lo, int hi, List<PortSpec> members) {
        this.negated = negated;
        this.any = any;
        this.lo = lo;
        this.hi = hi;
        this.members = members;
    }

    public static final PortSpec ANY = new PortSpec(false, true, 0, 65535, null);

    public boolean isAny() {
        return any && !negated;
    }

    public static PortSpec parse(String text, RuleVars vars) throws RuleException {
        return parse(text.trim(), vars, 0);
    }

    private static PortSpec parse(String s, RuleVars vars, int depth) throws RuleException {
        if (depth > 16) throw new RuleException("bad port", "port variables nest too deep: " + s);
        if (s.isEmpty()) throw new RuleException("bad port", "empty port");
        boolean neg = false;
        while (s.startsWith("!")) {
            neg = !neg;
            s = s.substring(1).trim();
        }
        PortSpec inner;
        if (s.startsWith("[")) {
            if (!s.endsWith("]")) throw new RuleException("bad port", "unbalanced brackets: " + s);
            List<PortSpec> l = new ArrayList<>();
            for (String part : RuleVars.splitGroup(s.substring(1, s.length() - 1))) l.add(parse(part, vars, depth + 1));
            if (l.isEmpty()) throw new RuleException("bad port", "empty group");
            inner = new PortSpec(false, false, 0, 0, List.copyOf(l));
        } else if (s.startsWith("$")) {
            String v = vars.port(s.substring(1));
            if (v == null) throw new RuleException("undefined variable", "port variable " + s + " is not defined");
            inner = parse(v, vars, depth + 1);
        } else if (s.equalsIgnoreCase("any")) {
            inner = ANY;
        } else {
            int colon = s.indexOf(':');
            try {
                int a, b;
                if (colon < 0) a = b = Integer.parseInt(s.trim());
                else {
                    String x = s.substring(0, colon).trim(), y = s.substring(colon + 1).trim();
                    a = x.isEmpty() ? 0 : Integer.parseInt(x);
                    b = y.isEmpty() ? 65535 : Integer.parseInt(y);
                }
                if (a < 0 || b > 65535 || a > b) throw new NumberFormatException();
                inner = new PortSpec(false, false, a, b, null);
            } catch (NumberFormatException e) {
                throw new RuleException("bad port", "not a port or range: " + s);
            }
        }
        return neg ? new PortSpec(true, inner.any, inner.lo, inner.hi, inner.members) : inner;
    }

    public boolean matches(int port) {
        boolean r;
        if (any) r = true;
        else if (members == null) r = port >= lo && port <= hi;
        else {
            boolean pos = false, sawPos = false;
            for (PortSpec m : members) {
                if (m.negated) {
                    if (!m.matches(port)) return negated;
                } else {
                    sawPos = true;
                    if (!pos && m.matches(port)) pos = true;
                }
            }
            r = pos || !sawPos;
        }
        return r != negated;
    }
}
