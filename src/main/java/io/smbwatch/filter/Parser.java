package io.smbwatch.filter;

import io.smbwatch.config.Limit;
import io.smbwatch.filter.Lexer.Kind;
import io.smbwatch.filter.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive-descent parser for Wireshark's display-filter syntax (the part that applies to the
 * fields smbwatch dissects). Precedence, loosest first: {@code or ||}, {@code and &&},
 * {@code not !}, then relations. And/or chains are read in loops and negations counted, so
 * only parentheses recurse, and their depth is capped ({@link Limit#FILTER_DEPTH}).
 */
final class Parser {

    private final String text;
    private final Lexer lexer;
    private Token tok;
    private int depth;
    /** Names of the fields and protocols the expression reads, in order of appearance. */
    final java.util.Set<String> fields = new java.util.LinkedHashSet<>();

    Parser(String text) throws FilterException {
        this.text = text;
        this.lexer = new Lexer(text);
        this.tok = lexer.next();
    }

    private FilterException error(String msg, Token t) {
        return new FilterException(msg, text, t.pos() + 1, t.kind() == Kind.EOF ? 1 : t.length());
    }

    private FilterException error(String msg, int pos, int len) {
        return new FilterException(msg, text, pos + 1, len);
    }

    private Token advance() throws FilterException {
        Token t = tok;
        tok = lexer.next();
        return t;
    }

    Expr parse() throws FilterException {
        if (tok.kind() == Kind.EOF) throw error("empty filter", tok);
        Expr e = parseOr();
        if (tok.kind() != Kind.EOF) throw error(unexpected(tok), tok);
        return e;
    }

    private static String unexpected(Token t) {
        return t.kind() == Kind.EOF ? "unexpected end of filter expression" : Lexer.quote(t.text()) + " was unexpected in this context";
    }

    private Expr parseOr() throws FilterException {
        Expr first = parseAnd();
        if (tok.kind() != Kind.OR) return first;
        List<Expr> terms = new ArrayList<>();
        terms.add(first);
        while (tok.kind() == Kind.OR) {
            advance();
            terms.add(parseAnd());
        }
        return new Expr.Or(terms);
    }

    private Expr parseAnd() throws FilterException {
        Expr first = parseUnary();
        if (tok.kind() != Kind.AND) return first;
        List<Expr> terms = new ArrayList<>();
        terms.add(first);
        while (tok.kind() == Kind.AND) {
            advance();
            terms.add(parseUnary());
        }
        return new Expr.And(terms);
    }

    private Expr parseUnary() throws FilterException {
        int nots = 0;
        while (tok.kind() == Kind.NOT) {
            advance();
            nots++;
        }
        Expr e = parsePrimary();
        return nots % 2 == 1 ? new Expr.Not(e) : e;
    }

    private Expr parsePrimary() throws FilterException {
        if (tok.kind() == Kind.LPAREN) {
            Token open = advance();
            if (++depth > Limit.FILTER_DEPTH.defaultInt()) throw error("parentheses nested deeper than " + Limit.FILTER_DEPTH.defaultInt() + " levels", open);
            Expr e = parseOr();
            if (tok.kind() != Kind.RPAREN) {
                throw tok.kind() == Kind.EOF ? error("unbalanced parenthesis: no ')' for this '('", open) : error(unexpected(tok), tok);
            }
            advance();
            depth--;
            return e;
        }
        return parseRelation();
    }

    /** An operand: a known field, a function call, or a literal (a {@link Token}). */
    private Object parseOperand() throws FilterException {
        Token t = tok;
        switch (t.kind()) {
            case STRING, CHAR -> {
                advance();
                return t;
            }
            case WORD -> {
                advance();
                if (tok.kind() == Kind.LPAREN) return function(t);
                FieldInfo f = FieldRegistry.lookup(t.text());
                if (tok.kind() == Kind.LBRACKET) throw error("slices (field[i:j]) are not supported", tok);
                if (f == null) return t;
                fields.add(f.name());
                return new Operand.Field(f, t.pos());
            }
            default -> throw error(unexpected(t), t);
        }
    }

    private Operand function(Token name) throws FilterException {
        String n = name.text();
        if (!n.equals("len") && !n.equals("count") && !n.equals("lower") && !n.equals("upper")) {
            throw error("unknown function " + Lexer.quote(n) + " (smbwatch has len, count, lower, upper)", name);
        }
        advance();                                   // (
        Object arg = parseOperand();
        if (!(arg instanceof Operand a)) throw unknownField((Token) arg);
        if (tok.kind() != Kind.RPAREN) throw error(unexpected(tok), tok);
        advance();
        FieldType t = a.type();
        if (n.equals("lower") || n.equals("upper")) {
            if (t != FieldType.STRING) throw error(n + "() takes a string field; " + a + " is " + t.label, name.pos(), name.length());
        } else if (n.equals("len") && t != FieldType.STRING && t != FieldType.BYTES) {
            throw error("len() takes a string or byte field; " + a + " is " + t.label, name.pos(), name.length());
        }
        return new Operand.Function(n, a, name.pos());
    }

    private FilterException unknownField(Token t) {
        String hint = t.kind() == Kind.WORD ? FieldRegistry.suggest(t.text()) : null;
        String what = t.kind() == Kind.WORD ? Lexer.quote(t.text()) + " is neither a field nor a protocol name"
                : "a literal cannot stand alone; compare it with a field";
        return error(what + (hint != null ? "; did you mean \"" + hint + "\"?" : ""), t);
    }

    private Expr parseRelation() throws FilterException {
        Token lhsTok = tok;
        Object lhs = parseOperand();
        if (tok.kind() == Kind.CMP) {
            Token op = advance();
            Token rhsTok = tok;
            Object rhs = parseOperand();
            return comparison(lhs, lhsTok, op, rhs, rhsTok);
        }
        if (tok.kind() == Kind.IN || tok.kind() == Kind.NOT) {
            boolean negate = tok.kind() == Kind.NOT;
            if (negate) {
                Token not = advance();
                if (tok.kind() != Kind.IN) throw error(unexpected(not), not);
            }
            advance();                               // in
            if (!(lhs instanceof Operand o)) throw unknownField(lhsTok);
            Expr in = set(o);
            return negate ? new Expr.Not(in) : in;
        }
        if (lhs instanceof Operand.Field f) return new Expr.Present(f.field);
        if (lhs instanceof Operand o) return new Expr.OperandPresent(o);
        throw unknownField(lhsTok);
    }

    private Expr comparison(Object lhs, Token lhsTok, Token op, Object rhs, Token rhsTok) throws FilterException {
        Expr.Op o = op.op();
        boolean matches = o == null;
        if (!(lhs instanceof Operand)) {
            if (!(rhs instanceof Operand)) {
                throw lhsTok.kind() == Kind.WORD ? unknownField(lhsTok) : error("neither side of \"" + op.text() + "\" is a field", op);
            }
            if (matches || o == Expr.Op.CONTAINS) throw unknownField(lhsTok);
            Object t = lhs;
            lhs = rhs;
            rhs = t;
            Token tt = lhsTok;
            lhsTok = rhsTok;
            rhsTok = tt;
            o = mirror(o);
        }
        Operand l = (Operand) lhs;
        FieldType type = l.type();
        if (type == FieldType.PROTOCOL) {
            throw error(l + " is a protocol: only its presence can be tested (smbwatch keeps no raw protocol bytes)", lhsTok);
        }
        if (matches) {
            if (type != FieldType.STRING && type != FieldType.BYTES) throw error(l + " (" + type.label + ") cannot be used with \"matches\"", lhsTok);
            if (!(rhs instanceof Token r) || r.kind() != Kind.STRING) throw error("\"matches\" takes a quoted regular expression", rhsTok);
            return new Expr.Matches(l, regex(r));
        }
        if (o == Expr.Op.CONTAINS && type != FieldType.STRING && type != FieldType.BYTES) {
            throw error(l + " (" + type.label + ") cannot be used with \"contains\"", lhsTok);
        }
        if (rhs instanceof Operand r) {
            if (r.type() == FieldType.PROTOCOL) throw error(r + " is a protocol: only its presence can be tested", rhsTok);
            if (!compatible(type, r.type())) {
                throw error(l + " (" + type.label + ") and " + r + " (" + r.type().label + ") cannot be compared", op);
            }
            return new Expr.Compare(o, l, null, r);
        }
        Object value = Literals.convert((Token) rhs, l, text, o == Expr.Op.CONTAINS);
        return new Expr.Compare(o, l, value, null);
    }

    private static boolean compatible(FieldType a, FieldType b) {
        if (a == b) return true;
        boolean ta = a == FieldType.STRING || a == FieldType.BYTES || a == FieldType.GUID;
        boolean tb = b == FieldType.STRING || b == FieldType.BYTES || b == FieldType.GUID;
        boolean na = a == FieldType.UINT || a == FieldType.BOOLEAN, nb = b == FieldType.UINT || b == FieldType.BOOLEAN;
        return ta && tb || na && nb;
    }

    private static Expr.Op mirror(Expr.Op o) {
        return switch (o) {
            case LT -> Expr.Op.GT;
            case LE -> Expr.Op.GE;
            case GT -> Expr.Op.LT;
            case GE -> Expr.Op.LE;
            default -> o;
        };
    }

    private Pattern regex(Token r) throws FilterException {
        try {
            return Pattern.compile(r.text(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            int at = e.getIndex() >= 0 ? e.getIndex() : 0;
            throw error("bad regular expression: " + e.getDescription(), r.pos(), r.length());
        } catch (StackOverflowError e) {
            throw error("regular expression too complex", r.pos(), r.length());
        }
    }

    private Expr set(Operand lhs) throws FilterException {
        if (lhs.type() == FieldType.PROTOCOL) throw error(lhs + " is a protocol: only its presence can be tested", lhs.column, 1);
        if (tok.kind() != Kind.LBRACE) throw error("\"in\" takes a set: { value, low..high, ... }", tok);
        Token open = advance();
        List<Object> lows = new ArrayList<>(), highs = new ArrayList<>();
        while (true) {
            Token t = tok;
            if (t.kind() == Kind.RBRACE && lows.isEmpty()) throw error("empty set", open.pos(), t.end() - open.pos());
            Object lo = element(lhs);
            Object hi = null;
            if (tok.kind() == Kind.DOTDOT) {
                advance();
                hi = element(lhs);
            }
            lows.add(lo);
            highs.add(hi);
            if (tok.kind() == Kind.COMMA) {
                advance();
                continue;
            }
            if (tok.kind() == Kind.RBRACE) {
                advance();
                break;
            }
            throw tok.kind() == Kind.EOF ? error("unterminated set: no '}' for this '{'", open) : error(unexpected(tok), tok);
        }
        return new Expr.In(lhs, lows, highs);
    }

    private Object element(Operand lhs) throws FilterException {
        Token t = tok;
        if (t.kind() != Kind.WORD && t.kind() != Kind.STRING && t.kind() != Kind.CHAR) throw error(unexpected(t), t);
        advance();
        return Literals.convert(t, lhs, text, false);
    }
}
