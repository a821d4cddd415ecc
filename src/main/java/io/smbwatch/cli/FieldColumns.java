package io.smbwatch.cli;

import io.smbwatch.filter.FieldInfo;
import io.smbwatch.filter.FieldRegistry;
import io.smbwatch.filter.FieldsWriter;
import java.util.ArrayList;
import java.util.List;

/** Reads tshark's {@code -T fields -e FIELD... -E key=value...} into a {@link FieldsWriter.Spec}. */
final class FieldColumns {
    private FieldColumns() {}

    /** The spec, or null without -T; IllegalArgumentException with the message to print. */
    static FieldsWriter.Spec of(String format, List<String> names, List<String> options) {
        if (format == null) {
            if (!names.isEmpty() || !options.isEmpty()) throw new IllegalArgumentException("-e and -E go with -T fields");
            return null;
        }
        if (!format.equals("fields")) throw new IllegalArgumentException("-T: only 'fields' (tshark's columns), not '" + format + "'");
        if (names.isEmpty()) throw new IllegalArgumentException("-T fields needs at least one -e FIELD");
        List<FieldInfo> fields = new ArrayList<>();
        for (String n : names) {
            FieldInfo f = FieldRegistry.lookup(n);
            if (f == null) {
                String hint = FieldRegistry.suggest(n);
                throw new IllegalArgumentException("-e: unknown field '" + n + "'" + (hint != null ? " (did you mean " + hint + "?)" : "")
                        + "; 'smbwatch fields' lists them");
            }
            fields.add(f);
        }
        String sep = "\t", occurrence = "a", aggregator = ",";
        boolean header = false;
        char quote = 0;
        for (String o : options) {
            int eq = o.indexOf('=');
            String k = eq < 0 ? o : o.substring(0, eq), v = eq < 0 ? "" : o.substring(eq + 1);
            switch (k) {
                case "separator" -> sep = special(v);
                case "aggregator" -> aggregator = special(v);
                case "header" -> header = yes(v, k);
                case "quote" -> quote = switch (v) {
                    case "d" -> '"';
                    case "s" -> '\'';
                    case "n" -> (char) 0;
                    default -> throw new IllegalArgumentException("-E quote: d, s or n, not '" + v + "'");
                };
                case "occurrence" -> {
                    if (!v.matches("[fla]|-?[1-9][0-9]{0,5}")) {
                        throw new IllegalArgumentException("-E occurrence: f, l, a or a number, not '" + v + "'");
                    }
                    occurrence = v;
                }
                default -> throw new IllegalArgumentException("-E: separator, header, quote, occurrence or aggregator, not '" + k + "'");
            }
        }
        return new FieldsWriter.Spec(fields, sep, header, quote, occurrence, aggregator);
    }

    /** tshark's /t and /s for a tab and a space. */
    private static String special(String v) {
        return switch (v) {
            case "/t" -> "\t";
            case "/s" -> " ";
            default -> v;
        };
    }

    private static boolean yes(String v, String k) {
        if (v.equals("y")) return true;
        if (v.equals("n")) return false;
        throw new IllegalArgumentException("-E " + k + ": y or n, not '" + v + "'");
    }
}
