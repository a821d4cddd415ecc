package io.smbwatch.filter;

import java.util.Map;

/** Splits a display filter into tokens; positions are 0-based offsets into the text. */
final class Lexer {
    enum Kind { LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, COMMA, DOTDOT, AND, OR, NOT, CMP, IN, WORD, STRING, CHAR, EOF }

    record Token(Kind kind, String text, int pos, int end, Expr.Op op, String cmp) {
        int length() {
            return Math.max(1, end - pos);
        }
    }

    /** Word operators; "matches" is CMP with op null and cmp "matches". */
    private static final Map<String, String> WORD_CMP = Map.ofEntries(
            Map.entry("eq", "=="), Map.entry("any_eq", "=="), Map.entry("ne", "!="), Map.entry("all_ne", "!="),
            Map.entry("all_eq", "==="), Map.entry("any_ne", "!=="), Map.entry("lt", "<"), Map.entry("le", "<="),
            Map.entry("gt", ">"), Map.entry("ge", ">="), Map.entry("contains", "contains"), Map.entry("matches", "matches"));

    private final String s;
    private int i;

    Lexer(String s) {
        this.s = s;
    }

    private FilterException error(String msg, int pos, int len) {
        return new FilterException(msg, s, pos + 1, len);
    }

    Token next() throws FilterException {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        int start = i;
        if (i >= s.length()) return new Token(Kind.EOF, "", i, i, null, null);
        char c = s.charAt(i);
        switch (c) {
            case '(': i++; return tok(Kind.LPAREN, start);
            case ')': i++; return tok(Kind.RPAREN, start);
            case '{': i++; return tok(Kind.LBRACE, start);
            case '}': i++; return tok(Kind.RBRACE, start);
            case '[': i++; return tok(Kind.LBRACKET, start);
            case ',': i++; return tok(Kind.COMMA, start);
            case '"': return string(start, false);
            case '\'': return charLiteral(start);
            default: break;
        }
        if (s.startsWith("&&", i)) { i += 2; return tok(Kind.AND, start); }
        if (s.startsWith("||", i)) { i += 2; return tok(Kind.OR, start); }
        if (s.startsWith("..", i)) { i += 2; return tok(Kind.DOTDOT, start); }
        for (String op : new String[] {"===", "!==", "==", "!=", "~=", "<=", ">=", "<", ">", "~"}) {
            if (s.startsWith(op, i)) {
                i += op.length();
                String norm = op.equals("~=") ? "!==" : op.equals("~") ? "matches" : op;
                return cmp(norm, start);
            }
        }
        if (c == '!') { i++; return tok(Kind.NOT, start); }
        if ((c == 'r' || c == 'R') && i + 1 < s.length() && s.charAt(i + 1) == '"') {
            i++;
            return string(start, true);
        }
        if (!wordChar(c)) throw error("unexpected character '" + printable(c) + "'", start, 1);
        while (i < s.length() && wordChar(s.charAt(i)) && !s.startsWith("..", i)) i++;
        String w = s.substring(start, i);
        switch (w) {
            case "and": return tok(Kind.AND, start);
            case "or": return tok(Kind.OR, start);
            case "not": return tok(Kind.NOT, start);
            case "in": return tok(Kind.IN, start);
            default:
                String op = WORD_CMP.get(w);
                if (op != null) return cmp(op, start);
                return new Token(Kind.WORD, w, start, i, null, null);
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    }

    /** The text in double quotes, abbreviated in the middle when long (error messages stay short). */
    static String quote(String t) {
        if (t.length() > 48) t = t.substring(0, 32) + "..." + t.substring(t.length() - 8);
        return "\"" + t + "\"";
    }

    static boolean wordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '/' || c == '$');
    }

    private Token tok(Kind k, int start) {
        return new Token(k, s.substring(start, i), start, i, null, null);
    }

    private Token cmp(String op, int start) {
        Expr.Op o = switch (op) {
            case "==" -> Expr.Op.ANY_EQ;
            case "!=" -> Expr.Op.ALL_NE;
            case "===" -> Expr.Op.ALL_EQ;
            case "!==" -> Expr.Op.ANY_NE;
            case "<" -> Expr.Op.LT;
            case "<=" -> Expr.Op.LE;
            case ">" -> Expr.Op.GT;
            case ">=" -> Expr.Op.GE;
            case "contains" -> Expr.Op.CONTAINS;
            default -> null;                     // matches
        };
        return new Token(Kind.CMP, s.substring(start, i), start, i, o, op);
    }

    private Token string(int start, boolean raw) throws FilterException {
        i++;                                     // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i >= s.length()) throw error("unterminated string", start, i - start);
            char c = s.charAt(i++);
            if (c == '"') break;
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i >= s.length()) throw error("unterminated string", start, i - start);
            if (raw) {
                sb.append('\\').append(s.charAt(i++));
                continue;
            }
            escape(sb, i - 1);
        }
        return new Token(Kind.STRING, sb.toString(), start, i, null, null);
    }

    /** Reads the escape whose backslash is at {@code bs}; {@code i} points after the backslash. */
    private void escape(StringBuilder sb, int bs) throws FilterException {
        char e = s.charAt(i++);
        switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'a' -> sb.append('\007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'v' -> sb.append('\013');
            case '\\', '"', '\'' -> sb.append(e);
            case 'x' -> sb.append((char) hex(bs, 2, 1));
            case 'u' -> sb.appendCodePoint(hex(bs, 4, 4));
            case 'U' -> sb.appendCodePoint(hex(bs, 8, 8));
            default -> {
                if (e >= '0' && e <= '7') {
                    int v = e - '0', n = 1;
                    while (n < 3 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7') {
                        v = v * 8 + (s.charAt(i++) - '0');
                        n++;
                    }
                    if (v > 0xff) throw error("octal escape out of range", bs, i - bs);
                    sb.append((char) v);
                } else {
                    throw error("unknown escape '\\" + printable(e) + "'", bs, 2);
                }
            }
        }
    }

    private int hex(int bs, int max, int min) throws FilterException {
        int v = 0, n = 0;
        while (n < max && i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
            v = v * 16 + Character.digit(s.charAt(i++), 16);
            n++;
        }
        if (n < min) throw error("bad hexadecimal escape", bs, Math.max(2, i - bs));
        if (!Character.isValidCodePoint(v)) throw error("escape is not a Unicode code point", bs, i - bs);
        return v;
    }

    private Token charLiteral(int start) throws FilterException {
        i++;
        if (i >= s.length()) throw error("unterminated character constant", start, 1);
        StringBuilder sb = new StringBuilder();
        char c = s.charAt(i++);
        if (c == '\\') {
            if (i >= s.length()) throw error("unterminated character constant", start, i - start);
            escape(sb, i - 1);
        } else {
            sb.append(c);
        }
        if (i >= s.length() || s.charAt(i) != '\'') throw error("unterminated character constant", start, i - start);
        i++;
        return new Token(Kind.CHAR, sb.toString(), start, i, null, null);
    }
}
