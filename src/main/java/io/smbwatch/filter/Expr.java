package io.smbwatch.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The compiled filter: a tree of tests evaluated against one {@link FrameView}. */
abstract class Expr {
    abstract boolean eval(FrameView v, Budget budget);

    /** Counts regex work so that one pathological pattern cannot stall the reader. */
    static final class Budget {
        /** Character reads allowed to one {@code matches} test of one value. */
        final long perMatch;
        long giveUps;

        Budget(long perMatch) {
            this.perMatch = perMatch;
        }
    }

    static final class And extends Expr {
        final Expr[] terms;

        And(List<Expr> terms) {
            this.terms = terms.toArray(new Expr[0]);
        }

        @Override
        boolean eval(FrameView v, Budget b) {
            for (Expr e : terms) if (!e.eval(v, b)) return false;
            return true;
        }
    }

    static final class Or extends Expr {
        final Expr[] terms;

        Or(List<Expr> terms) {
            this.terms = terms.toArray(new Expr[0]);
        }

        @Override
        boolean eval(FrameView v, Budget b) {
            for (Expr e : terms) if (e.eval(v, b)) return true;
            return false;
        }
    }

    static final class Not extends Expr {
        final Expr inner;

        Not(Expr inner) {
            this.inner = inner;
        }

        @Override
        boolean eval(FrameView v, Budget b) {
            return !inner.eval(v, b);
        }
    }

    /** A field or protocol name alone: true when it occurs in the frame. */
    static final class Present extends Expr {
        final FieldInfo field;

        Present(FieldInfo field) {
            this.field = field;
        }

        @Override
        boolean eval(FrameView v, Budget b) {
            return v.present(field);
        }
    }

    /** Constant (a literal alone, or a function's presence). */
    static final class OperandPresent extends Expr {
        final Operand operand;

        OperandPresent(Operand operand) {
            this.operand = operand;
        }

        @Override
        boolean eval(FrameView v, Budget b) {
            List<Object> l = new ArrayList<>(2);
            operand.values(v, l);
            return !l.isEmpty();
        }
    }

    enum Op { ANY_EQ, ALL_NE, ALL_EQ, ANY_NE, LT, LE, GT, GE, CONTAINS }

    /** lhs OP rhs where rhs is a literal (one value) or another operand. */
    static final class Compare extends Expr {
        final Op op;
        final Operand lhs;
        final Object literal;      // when rhs is a literal
        final Operand rhs;         // otherwise

        Compare(Op op, Operand lhs, Object literal, Operand rhs) {
            this.op = op;
            this.lhs = lhs;
            this.literal = literal;
            this.rhs = rhs;
        }

        @Override
        boolean eval(FrameView v, Budget b) {
            List<Object> l = new ArrayList<>(4);
            lhs.values(v, l);
            if (l.isEmpty()) return false;
            List<Object> r;
            if (rhs == null) {
                r = List.of(literal);
            } else {
                r = new ArrayList<>(4);
                rhs.values(v, r);
                if (r.isEmpty()) return false;
            }
            switch (op) {
                case ALL_NE:
                    for (Object x : l) for (Object y : r) if (Values.equal(x, y)) return false;
                    return true;
                case ALL_EQ:
                    for (Object x : l) for (Object y : r) if (!Values.equal(x, y)) return false;
                    return true;
                default:
                    for (Object x : l) for (Object y : r) if (test(x, y)) return true;
                    return false;
            }
        }

        private boolean test(Object x, Object y) {
            switch (op) {
                case ANY_EQ: return Values.equal(x, y);
                case ANY_NE: return !Values.equal(x, y);
                case CONTAINS: return Values.contains(x, y);
                default:
                    Integer c = Values.compare(x, y);
                    if (c == null) return false;
                    switch (op) {
                        case LT: return c < 0;
                        case LE: return c <= 0;
                        case GT: return c > 0;
                        default: return c >= 0;
                    }
            }
        }
    }

    static final class Matches extends Expr {
        final Operand lhs;
        final Pattern pattern;

        Matches(Operand lhs, Pattern pattern) {
            this.lhs = lhs;
            this.pattern = pattern;
        }

        @Override
        boolean eval(FrameView v, Budget b) {
            List<Object> l = new ArrayList<>(4);
            lhs.values(v, l);
            for (Object x : l) {
                CharSequence s = x instanceof String str ? str
                        : x instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1) : null;
                if (s == null) continue;
                try {
                    if (pattern.matcher(new BudgetedChars(s, b.perMatch)).find()) return true;
                } catch (BudgetedChars.Exhausted e) {
                    b.giveUps++;
                }
            }
            return false;
        }
    }

    /** Set membership: any value equal to an element or inside a range. */
    static final class In extends Expr {
        final Operand lhs;
        final Object[] lows, highs;      // highs[i] == null: a single value

        In(Operand lhs, List<Object> lows, List<Object> highs) {
            this.lhs = lhs;
            this.lows = lows.toArray();
            this.highs = highs.toArray();
        }

        @Override
        boolean eval(FrameView v, Budget b) {
            List<Object> l = new ArrayList<>(4);
            lhs.values(v, l);
            for (Object x : l) {
                for (int i = 0; i < lows.length; i++) {
                    if (highs[i] == null) {
                        if (Values.equal(x, lows[i])) return true;
                    } else {
                        Integer lo = Values.compare(x, lows[i]), hi = Values.compare(x, highs[i]);
                        if (lo != null && hi != null && lo >= 0 && hi <= 0) return true;
                    }
                }
            }
            return false;
        }
    }

    /** A char sequence that throws once a regex has read too many characters of it. */
    static final class BudgetedChars implements CharSequence {
        static final class Exhausted extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Exhausted() {
                super(null, null, false, false);
            }
        }

        private final CharSequence s;
        private final long[] left;

        BudgetedChars(CharSequence s, long budget) {
            this(s, new long[] {budget});
        }

        private BudgetedChars(CharSequence s, long[] left) {
            this.s = s;
            this.left = left;
        }

        @Override
        public char charAt(int i) {
            if (--left[0] < 0) throw new Exhausted();
            return s.charAt(i);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int a, int b) {
            return new BudgetedChars(s.subSequence(a, b), left);
        }

        @Override
        public String toString() {
            return s.toString();
        }
    }
}
