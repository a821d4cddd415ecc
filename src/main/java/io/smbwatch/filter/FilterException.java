package io.smbwatch.filter;

/**
 * A display filter that cannot be compiled: the message, the 1-based column where the problem
 * starts, and how many characters it spans. {@link #render()} shows the expression with a caret.
 */
public final class FilterException extends Exception {
    private static final long serialVersionUID = 1L;
    /** Characters of context shown either side of the column when the expression is long. */
    private static final int WINDOW = 60;

    private final String expression;
    private final int column;
    private final int length;

    public FilterException(String message, String expression, int column, int length) {
        super(message);
        this.expression = expression;
        this.column = Math.max(1, column);
        this.length = Math.max(1, length);
    }

    public int column() {
        return column;
    }

    public int length() {
        return length;
    }

    public String expression() {
        return expression;
    }

    /** Three lines: the message, the expression (or a window of it), a caret under the column. */
    public String render() {
        int start = 0, end = expression.length();
        int col = column - 1;
        if (col - start > WINDOW) start = col - WINDOW;
        if (end - col > WINDOW) end = Math.min(expression.length(), col + Math.min(length, WINDOW) + WINDOW / 2);
        StringBuilder sb = new StringBuilder();
        sb.append(getMessage()).append(" (column ").append(column).append(")\n");
        String prefix = start > 0 ? "..." : "";
        String shown = expression.substring(start, Math.min(end, expression.length()))
                .replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        sb.append("  ").append(prefix).append(shown).append(end < expression.length() ? "..." : "").append('\n');
        sb.append("  ").append(" ".repeat(prefix.length() + Math.max(0, col - start))).append('^');
        int tildes = Math.min(length, Math.max(1, end - col)) - 1;
        if (tildes > 0) sb.append("~".repeat(Math.min(tildes, WINDOW)));
        return sb.toString();
    }
}
