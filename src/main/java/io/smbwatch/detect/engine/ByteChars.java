package io.smbwatch.detect.engine;

/**
 * Bytes seen as ISO-8859-1 characters for java.util.regex, counting reads: a pattern that
 * backtracks past the budget is stopped with {@link Exhausted} (the backtracking guard).
 */
final class ByteChars implements CharSequence {
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super(null, null, false, false);
        }
    }

    private static final Exhausted EXHAUSTED = new Exhausted();
    private byte[] b;
    private int off, len;
    private int left;

    void set(byte[] b, int off, int len, int budget) {
        this.b = b;
        this.off = off;
        this.len = len;
        this.left = budget;
    }

    @Override
    public int length() {
        return len;
    }

    @Override
    public char charAt(int i) {
        if (--left < 0) throw EXHAUSTED;
        return (char) (b[off + i] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        ByteChars c = new ByteChars();
        c.set(b, off + start, end - start, left);
        return c;
    }

    @Override
    public String toString() {
        return new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
