package io.smbwatch.detect.rule;

import java.util.regex.Pattern;

/**
 * One inspection step of a rule inside one buffer, in rule order: contents, pcre, isdataat and
 * the byte_* keywords. Steps marked relative continue from where the previous match ended.
 * Numbers that a rule may give as a byte_extract variable have a companion {@code *Var} field:
 * the variable's index, or -1 for the literal.
 */
public sealed interface Element {

    /** {@code content} with its modifiers. Depth and within are kept as Suricata states them (depth counts from offset). */
    final class Content implements Element {
        public final byte[] pattern;
        public final boolean negated;
        boolean nocase, startswith, endswith, fastPattern, fastPatternOnly, rawbytes;
        Integer offset, depth, distance, within;
        int offsetVar = -1, depthVar = -1, distanceVar = -1, withinVar = -1;
        int chopOffset = -1, chopLength;

        Content(byte[] pattern, boolean negated) {
            this.pattern = pattern;
            this.negated = negated;
        }

        public boolean nocase() { return nocase; }
        public boolean startswith() { return startswith; }
        public boolean endswith() { return endswith; }
        public boolean fastPattern() { return fastPattern; }
        public boolean fastPatternOnly() { return fastPatternOnly; }
        public int offset() { return offset == null ? 0 : offset; }
        /** 0 when unset. */
        public int depth() { return depth == null ? 0 : depth; }
        public int distance() { return distance == null ? 0 : distance; }
        public int within() { return within == null ? 0 : within; }
        public boolean hasDepth() { return depth != null || depthVar >= 0; }
        public boolean hasWithin() { return within != null || withinVar >= 0; }
        public boolean relative() { return distance != null || within != null || distanceVar >= 0 || withinVar >= 0; }
        public int offsetVar() { return offsetVar; }
        public int depthVar() { return depthVar; }
        public int distanceVar() { return distanceVar; }
        public int withinVar() { return withinVar; }

        /** The bytes the prefilter looks for (fast_pattern:chop takes a part). */
        public byte[] prefilterBytes() {
            if (chopOffset < 0) return pattern;
            return java.util.Arrays.copyOfRange(pattern, chopOffset, Math.min(pattern.length, chopOffset + chopLength));
        }
    }

    /** {@code pcre}, compiled for java.util.regex over bytes read as ISO-8859-1 characters. */
    record Pcre(Pattern pattern, boolean negated, boolean relative, boolean anchoredA, String source) implements Element {}

    /** {@code isdataat:[!]N[,relative]}. */
    record IsDataAt(int n, int nVar, boolean negated, boolean relative) implements Element {}

    /** Common form of the byte_* reads: count bytes at offset (relative or not), endianness, string base, bitmask. */
    record Read(int bytes, int offset, int offsetVar, boolean relative, boolean little, int stringBase, long bitmask, boolean dce) {}

    /** {@code byte_test}: op one of < > = <= >= & ^ (negated with !). */
    record ByteTest(Read read, String op, boolean negated, long value, int valueVar) implements Element {}

    /** {@code byte_jump}. */
    record ByteJump(Read read, long multiplier, boolean align, boolean fromBeginning, boolean fromEnd, int postOffset, int postOffsetVar) implements Element {}

    /** {@code byte_extract}: stores into variable {@code var}. */
    record ByteExtract(Read read, long multiplier, boolean align, int var) implements Element {}

    /** {@code byte_math}: op + - * / << >>, stores into variable {@code var}. */
    record ByteMath(Read read, String op, long rvalue, int rvalueVar, int var) implements Element {}

    /**
     * {@code asn1}: BER objects decoded from the buffer at absolute_offset, or relative_offset from
     * the end of the previous match, or the start; matches when one of them (children included)
     * is oversize (length or content above {@code oversize}, -1: not checked), a primitive
     * BIT STRING whose unused-bits count exceeds its length in bits, or a primitive REAL over 256
     * bytes in decimal form.
     */
    record Asn1(boolean bitstringOverflow, boolean doubleOverflow, long oversize, Integer absoluteOffset,
                Integer relativeOffset) implements Element {}

    /** {@code bsize}: buffer length test; op one of = < > <> (exclusive range as Suricata). */
    record Bsize(String op, long a, long b) implements Element {}
}
