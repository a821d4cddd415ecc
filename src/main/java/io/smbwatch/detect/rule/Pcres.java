package io.smbwatch.detect.rule;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates Suricata's {@code pcre:"/REGEX/FLAGS"} into java.util.regex. Bytes are matched as
 * ISO-8859-1 characters, so \xHH and classes keep their byte meaning. Flags: i s m x (PCRE's
 * own), A (anchored at the start of the inspected region), E (ignored: $ already matches only at the
 * end when m is absent, but for a final newline), R (relative), B and O (accepted, no effect here).
 * G (ungreedy) and the HTTP buffer flags (U I P H D M C K S Y V W Q) are rejected with a reason.
 * POSIX classes and (?P<name>) are rewritten to Java's forms.
 */
public final class Pcres {
    private Pcres() {}

    public static Element.Pcre parse(String value) throws RuleException {
        String v = value.trim();
        boolean neg = false;
        if (v.startsWith("!")) {
            neg = true;
            v = v.substring(1).trim();
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
        int first = v.indexOf('/'), last = v.lastIndexOf('/');
        if (first != 0 || last <= first) throw new RuleException("bad value", "pcre must be /REGEX/FLAGS");
        String re = v.substring(1, last), flags = v.substring(last + 1);
        int f = Pattern.UNIX_LINES;
        boolean rel = false, anchored = false;
        for (char c : flags.toCharArray()) {
            switch (c) {
                case 'i': f |= Pattern.CASE_INSENSITIVE; break;
                case 's': f |= Pattern.DOTALL; break;
                case 'm': f |= Pattern.MULTILINE; break;
                case 'x': f |= Pattern.COMMENTS; break;
                case 'A': anchored = true; break;
                case 'R': rel = true; break;
                case 'E': case 'B': case 'O': break;
                case 'G': throw new RuleException("unsupported pcre flag G", "pcre flag G (ungreedy) has no java.util.regex equivalent");
                case 'U': case 'I': case 'P': case 'H': case 'D': case 'M': case 'C': case 'K': case 'S': case 'Y': case 'V': case 'W': case 'Q':
                    throw new RuleException("unsupported keyword pcre/" + c, "pcre flag " + c + " selects an HTTP buffer");
                default: throw new RuleException("bad value", "pcre: unknown flag " + c);
            }
        }
        try {
            return new Element.Pcre(Pattern.compile(translate(re), f), neg, rel, anchored, v);
        } catch (PatternSyntaxException e) {
            throw new RuleException("pcre not translatable", "pcre " + v + ": " + e.getDescription());
        }
    }

    private static final String[][] POSIX = {
        {"[:alpha:]", "\\p{Alpha}"}, {"[:digit:]", "\\p{Digit}"}, {"[:alnum:]", "\\p{Alnum}"}, {"[:upper:]", "\\p{Upper}"},
        {"[:lower:]", "\\p{Lower}"}, {"[:space:]", "\\s\\x0b"}, {"[:xdigit:]", "\\p{XDigit}"}, {"[:punct:]", "\\p{Punct}"},
        {"[:print:]", "\\p{Print}"}, {"[:graph:]", "\\p{Graph}"}, {"[:cntrl:]", "\\p{Cntrl}"}, {"[:blank:]", " \\t"},
        {"[:word:]", "\\w"}, {"[:ascii:]", "\\x00-\\x7f"}};

    static String translate(String re) {
        String s = re.replace("(?P<", "(?<");
        s = s.replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
        for (String[] p : POSIX) s = s.replace(p[0], p[1]);
        return s;
    }
}
