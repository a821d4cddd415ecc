package io.smbwatch.detect.rule;

import java.util.List;

/** Parses byte_test, byte_jump, byte_extract and byte_math as Suricata 7 writes them. */
final class ByteKeywords {
    private ByteKeywords() {}

    private static final class Opts {
        boolean relative, little, dce, align, fromBeginning, fromEnd;
        int stringBase;
        boolean string;
        long bitmask, multiplier = 1;
        int postOffset, postOffsetVar = -1;
        String endianSeen;
    }

    /** Reads the trailing options shared by the byte_* keywords. */
    private static Opts opts(String kw, String[] p, int from, List<String> vars) throws RuleException {
        Opts o = new Opts();
        for (int i = from; i < p.length; i++) {
            String x = p[i].trim();
            String[] kv = x.split("\\s+", 2);
            switch (kv[0]) {
                case "relative": o.relative = true; break;
                case "little": o.little = true; break;
                case "big": o.little = false; break;
                case "endian":
                    if (kv.length < 2) throw new RuleException("bad value", kw + ": endian needs big or little");
                    o.little = kv[1].trim().equals("little");
                    break;
                case "dce": o.dce = true; o.little = true; break;
                case "string":
                    o.string = true;
                    if (o.stringBase == 0) o.stringBase = 10;
                    if (kv.length > 1) o.stringBase = base(kw, kv[1].trim());
                    break;
                case "hex": o.stringBase = 16; break;
                case "dec": o.stringBase = 10; break;
                case "oct": o.stringBase = 8; break;
                case "align": o.align = true; break;
                case "from_beginning": o.fromBeginning = true; break;
                case "from_end": o.fromEnd = true; break;
                case "multiplier": o.multiplier = num(kw, kv.length > 1 ? kv[1] : ""); break;
                case "post_offset": {
                    String v = kv.length > 1 ? kv[1].trim() : "";
                    try {
                        o.postOffset = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        o.postOffsetVar = vars.indexOf(v);
                        if (o.postOffsetVar < 0) throw new RuleException("bad value", kw + ": post_offset " + v);
                    }
                    break;
                }
                case "bitmask": o.bitmask = num(kw, kv.length > 1 ? kv[1] : ""); break;
                default: throw new RuleException("bad value", kw + ": unknown option " + x);
            }
        }
        if (!o.string) o.stringBase = 0;
        return o;
    }

    private static int base(String kw, String b) throws RuleException {
        switch (b) {
            case "hex": return 16;
            case "dec": return 10;
            case "oct": return 8;
            default: throw new RuleException("bad value", kw + ": unknown string base " + b);
        }
    }

    static long num(String kw, String v) throws RuleException {
        v = v.trim();
        try {
            if (v.startsWith("0x") || v.startsWith("0X")) return Long.parseUnsignedLong(v.substring(2), 16);
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new RuleException("bad value", kw + ": not a number: " + v);
        }
    }

    /** {value, -1} or {0, var index}. */
    private static long[] numOrVar(String kw, String v, List<String> vars) throws RuleException {
        v = v.trim();
        int i = vars.indexOf(v);
        if (i >= 0) return new long[] {0, i};
        return new long[] {num(kw, v), -1};
    }

    private static int bytes(String kw, String v, boolean string) throws RuleException {
        long n = num(kw, v);
        if (n < 1 || n > (string ? 23 : 8)) throw new RuleException("bad value", kw + ": bad byte count " + v);
        return (int) n;
    }

    static Element.ByteTest byteTest(String v, List<String> vars) throws RuleException {
        String[] p = v.split(",");
        if (p.length < 4) throw new RuleException("bad value", "byte_test needs bytes, operator, value, offset");
        Opts o = opts("byte_test", p, 4, vars);
        String op = p[1].trim();
        boolean neg = op.startsWith("!");
        if (neg) op = op.substring(1).trim();
        if (op.isEmpty()) op = "=";      // "!" alone means "not equal"
        if (!List.of("<", ">", "=", "<=", ">=", "&", "^").contains(op)) throw new RuleException("bad value", "byte_test: unknown operator " + p[1]);
        long[] val = numOrVar("byte_test", p[2], vars), off = numOrVar("byte_test", p[3], vars);
        Element.Read r = new Element.Read(bytes("byte_test", p[0], o.string), (int) off[0], (int) off[1], o.relative, o.little, o.stringBase, o.bitmask, o.dce);
        return new Element.ByteTest(r, op, neg, val[0], (int) val[1]);
    }

    static Element.ByteJump byteJump(String v, List<String> vars) throws RuleException {
        String[] p = v.split(",");
        if (p.length < 2) throw new RuleException("bad value", "byte_jump needs bytes, offset");
        Opts o = opts("byte_jump", p, 2, vars);
        long[] off = numOrVar("byte_jump", p[1], vars);
        Element.Read r = new Element.Read(bytes("byte_jump", p[0], o.string), (int) off[0], (int) off[1], o.relative, o.little, o.stringBase, o.bitmask, o.dce);
        return new Element.ByteJump(r, o.multiplier, o.align, o.fromBeginning, o.fromEnd, o.postOffset, o.postOffsetVar);
    }

    static Element.ByteExtract byteExtract(String v, List<String> vars) throws RuleException {
        String[] p = v.split(",");
        if (p.length < 3) throw new RuleException("bad value", "byte_extract needs bytes, offset, name");
        // "align N" takes a value in byte_extract; normalise to the flag form
        for (int i = 3; i < p.length; i++) if (p[i].trim().startsWith("align")) p[i] = "align";
        Opts o = opts("byte_extract", p, 3, vars);
        String name = p[2].trim();
        long off = num("byte_extract", p[1]);
        Element.Read r = new Element.Read(bytes("byte_extract", p[0], o.string), (int) off, -1, o.relative, o.little, o.stringBase, o.bitmask, o.dce);
        int idx = vars.indexOf(name);
        if (idx < 0) {
            vars.add(name);
            idx = vars.size() - 1;
        }
        return new Element.ByteExtract(r, o.multiplier, o.align, idx);
    }

    static Element.ByteMath byteMath(String v, List<String> vars) throws RuleException {
        String[] p = v.split(",");
        int bytes = 0, offset = 0, offVar = -1;
        String oper = null, result = null;
        long[] rvalue = null;
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (String part : p) {
            String[] kv = part.trim().split("\\s+", 2);
            String val = kv.length > 1 ? kv[1].trim() : "";
            switch (kv[0]) {
                case "bytes": bytes = (int) num("byte_math", val); break;
                case "offset": {
                    long[] o = numOrVar("byte_math", val, vars);
                    offset = (int) o[0];
                    offVar = (int) o[1];
                    break;
                }
                case "oper": oper = val; break;
                case "rvalue": rvalue = numOrVar("byte_math", val, vars); break;
                case "result": result = val; break;
                default: rest.add(part);
            }
        }
        if (bytes < 1 || bytes > 10 || oper == null || rvalue == null || result == null)
            throw new RuleException("bad value", "byte_math needs bytes, offset, oper, rvalue, result");
        if (!List.of("+", "-", "*", "/", "<<", ">>").contains(oper)) throw new RuleException("bad value", "byte_math: unknown oper " + oper);
        Opts o = opts("byte_math", rest.toArray(new String[0]), 0, vars);
        Element.Read r = new Element.Read(bytes, offset, offVar, o.relative, o.little, o.stringBase, o.bitmask, o.dce);
        int idx = vars.indexOf(result);
        if (idx < 0) {
            vars.add(result);
            idx = vars.size() - 1;
        }
        return new Element.ByteMath(r, oper, rvalue[0], (int) rvalue[1], idx);
    }
}
