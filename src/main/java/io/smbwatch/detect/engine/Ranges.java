package io.smbwatch.detect.engine;

/** dsize / bsize comparisons. */
final class Ranges {
    private Ranges() {}

    static boolean test(String op, long v, long a, long b) {
        switch (op) {
            case "<": return v < a;
            case ">": return v > a;
            case "<=": return v <= a;
            case ">=": return v >= a;
            case "!": return v != a;
            case "<>": return v > a && v < b;
            default: return v == a;
        }
    }
}
