package io.smbwatch.detect.rule;

/** A rule that cannot be loaded: {@link #reason} is a short category for the load summary, the message the detail. */
public final class RuleException extends Exception {
    public final String reason;

    public RuleException(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }
}
