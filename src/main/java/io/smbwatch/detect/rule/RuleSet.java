package io.smbwatch.detect.rule;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Rules loaded from files: every rule line either becomes a {@link Rule} or a {@link Skipped}
 * entry with its file, line and reason. Lines ending in a backslash continue on the next line;
 * lines starting with '#' are comments, or disabled rules when what follows looks like a rule
 * (counted apart, not parsed). A later rule with the same gid:sid replaces an earlier one, as in
 * Suricata (reported as "duplicate sid").
 */
public final class RuleSet {
    public record Skipped(String file, int line, String reason, String detail) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + reason + ": " + detail;
        }
    }

    private static final Pattern DISABLED = Pattern.compile(
            "^#+\\s*(alert|drop|pass|reject|rejectsrc|rejectdst|rejectboth)\\s+\\S+\\s+\\S+\\s+\\S+\\s+(->|<>)\\s.*\\(.*");

    private final List<Rule> rules = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private int disabled, files;
    private final RuleParser parser;

    public RuleSet(RuleVars vars, Classifications classes) {
        this.parser = new RuleParser(vars, classes);
    }

    public List<Rule> rules() {
        return Collections.unmodifiableList(rules);
    }

    public List<Skipped> skipped() {
        return Collections.unmodifiableList(skipped);
    }

    public int disabled() {
        return disabled;
    }

    public RuleSet load(Path file) throws IOException {
        files++;
        return load(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public RuleSet load(String text, String name) {
        String[] lines = lines(text);
        List<String> texts = new ArrayList<>();
        List<Integer> firsts = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int first = i + 1;
            StringBuilder sb = new StringBuilder();
            String l = lines[i];
            while (l.endsWith("\\") && i + 1 < lines.length) {
                sb.append(l, 0, l.length() - 1);
                l = lines[++i];
            }
            sb.append(l);
            String s = sb.toString().trim();
            if (s.isEmpty()) continue;
            if (s.startsWith("#")) {
                if (DISABLED.matcher(s).matches()) disabled++;
                continue;
            }
            texts.add(s);
            firsts.add(first);
        }
        // (parsing on two threads measured no faster: the other core compiles the parser meanwhile)
        Object[] parsed = new Object[texts.size()];
        for (int k = 0; k < parsed.length; k++) parsed[k] = parseOne(texts.get(k), name, firsts.get(k));
        Map<String, Integer> bySid = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) bySid.put(rules.get(i).gid() + ":" + rules.get(i).sid(), i);
        for (int k = 0; k < parsed.length; k++) {
            if (parsed[k] instanceof Skipped sk) {
                skipped.add(sk);
                continue;
            }
            Rule r = (Rule) parsed[k];
            String key = r.gid() + ":" + r.sid();
            Integer old = bySid.get(key);
            if (old != null) {
                Rule o = rules.get(old);
                skipped.add(new Skipped(o.file(), o.line(), "duplicate sid", "gid:sid " + key + " again at " + name + ":" + firsts.get(k) + ", the later rule is used"));
                rules.set(old, r);
            } else {
                bySid.put(key, rules.size());
                rules.add(r);
            }
        }
        return this;
    }

    /** The lines of a text (LF or CRLF); a regex split costs 100 ms on a rule file in a cold JVM. */
    static String[] lines(String text) {
        List<String> l = new ArrayList<>();
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            l.add(text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end));
            if (nl < 0) return l.toArray(new String[0]);
            start = nl + 1;
        }
    }

    /** A rule, or the reason it is skipped. */
    private Object parseOne(String s, String name, int first) {
        try {
            return parser.parse(s, name, first);
        } catch (RuleException e) {
            return new Skipped(name, first, e.reason, e.getMessage());
        } catch (RuntimeException e) {
            return new Skipped(name, first, "syntax", String.valueOf(e));
        }
    }

    /** Skipped rules counted by reason, most frequent first. */
    public Map<String, Integer> skippedByReason() {
        Map<String, Integer> m = new TreeMap<>();
        for (Skipped s : skipped) m.merge(s.reason(), 1, Integer::sum);
        List<Map.Entry<String, Integer>> l = new ArrayList<>(m.entrySet());
        l.sort((a, b) -> b.getValue() - a.getValue() != 0 ? b.getValue() - a.getValue() : a.getKey().compareTo(b.getKey()));
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : l) out.put(e.getKey(), e.getValue());
        return out;
    }

    /** The load summary: rules loaded, disabled, skipped by reason; then up to {@code listMax} skipped rules. */
    public void printSummary(PrintStream out, int listMax) {
        long inert = rules.stream().filter(r -> r.inert() != null).count();
        out.printf("rules: %d loaded (%d of them inert: protocols or buffers smbwatch does not parse), %d skipped, %d disabled (commented out) from %d file(s)%n",
                rules.size(), inert, skipped.size(), disabled, Math.max(files, 1));
        for (Map.Entry<String, Integer> e : skippedByReason().entrySet()) out.printf("rules skipped: %6d  %s%n", e.getValue(), e.getKey());
        int n = 0;
        for (Skipped s : skipped) {
            if (n++ == listMax) {
                out.println("rules skipped: ... " + (skipped.size() - listMax) + " more (--rules-report lists all)");
                break;
            }
            out.println("rule skipped: " + s);
        }
    }
}
