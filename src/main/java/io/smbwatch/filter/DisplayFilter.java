package io.smbwatch.filter;

import io.smbwatch.config.Limit;
import io.smbwatch.app.SmbMessage;
import java.util.List;

/**
 * A compiled display filter ({@code smbwatch read -Y EXPR}), in Wireshark's syntax over the
 * fields of {@link FieldRegistry}. Evaluation is per frame, as tshark's: {@link #matches(FrameView)}
 * is true when the expression holds over the union of the fields of the frame's messages.
 * Instances are not thread-safe (they count regex give-ups).
 */
public final class DisplayFilter {

    private final String text;
    private final Expr root;
    private final Expr.Budget budget;

    private final java.util.Set<String> fields;

    private DisplayFilter(String text, Expr root, long regexBudget, java.util.Set<String> fields) {
        this.text = text;
        this.fields = java.util.Collections.unmodifiableSet(fields);
        this.root = root;
        this.budget = new Expr.Budget(regexBudget);
    }

    /** Compiles {@code text}; the exception carries the column and {@link FilterException#render()}. */
    public static DisplayFilter compile(String text) throws FilterException {
        return compile(text, Limit.FILTER_REGEX_BUDGET.defaultValue());
    }

    public static DisplayFilter compile(String text, long regexBudget) throws FilterException {
        Parser p = new Parser(text);
        Expr root = p.parse();
        return new DisplayFilter(text, root, regexBudget, p.fields);
    }

    public boolean matches(FrameView frame) {
        return root.eval(frame, budget);
    }

    /** True when the expression holds over these messages taken as one frame. */
    public boolean matches(List<SmbMessage> frameMessages) {
        return matches(new MessageFrame(frameMessages));
    }

    /** How many {@code matches} tests gave up on their step budget (counted as no match). */
    public long regexGiveUps() {
        return budget.giveUps;
    }

    /** The field and protocol names the expression reads (for the rule engine: what to extract). */
    public java.util.Set<String> fields() {
        return fields;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
