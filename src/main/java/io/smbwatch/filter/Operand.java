package io.smbwatch.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One side of a comparison: a field, or a function of a field. */
abstract class Operand {
    final int column;

    Operand(int column) {
        this.column = column;
    }

    abstract FieldType type();

    abstract void values(FrameView v, List<Object> out);

    static final class Field extends Operand {
        final FieldInfo field;

        Field(FieldInfo field, int column) {
            super(column);
            this.field = field;
        }

        @Override
        FieldType type() {
            return field.type();
        }

        @Override
        void values(FrameView v, List<Object> out) {
            v.values(field, out);
        }

        @Override
        public String toString() {
            return field.name();
        }
    }

    /** len(), count(), lower(), upper() as Wireshark 4.0 has them. */
    static final class Function extends Operand {
        final String name;
        final Operand arg;

        Function(String name, Operand arg, int column) {
            super(column);
            this.name = name;
            this.arg = arg;
        }

        @Override
        FieldType type() {
            return name.equals("lower") || name.equals("upper") ? FieldType.STRING : FieldType.UINT;
        }

        @Override
        void values(FrameView v, List<Object> out) {
            List<Object> in = new ArrayList<>(4);
            arg.values(v, in);
            switch (name) {
                case "count" -> {
                    if (!in.isEmpty()) out.add((long) in.size());
                }
                case "len" -> {
                    for (Object o : in) {
                        if (o instanceof String s) out.add((long) s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                        else if (o instanceof byte[] b) out.add((long) b.length);
                    }
                }
                case "lower" -> {
                    for (Object o : in) if (o instanceof String s) out.add(s.toLowerCase(Locale.ROOT));
                }
                default -> {
                    for (Object o : in) if (o instanceof String s) out.add(s.toUpperCase(Locale.ROOT));
                }
            }
        }

        @Override
        public String toString() {
            return name + "(" + arg + ")";
        }
    }
}
