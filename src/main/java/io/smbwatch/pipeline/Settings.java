package io.smbwatch.pipeline;

import io.smbwatch.config.Limit;
import io.smbwatch.config.Limits;

/**
 * What the pipeline needs of the configuration, immutable: the run's {@link Limits} (flows,
 * timeouts, out-of-order bytes, message size; their defaults and reasons are in
 * {@link Limit}) and whether file data must be kept.
 *
 * <p>{@code fileData} true: the file data of SMB2 reads and writes is kept with their messages.
 * When nothing reads it (no rules, no file outputs), {@link #withoutFileData} lets a read or write
 * of a file (not a pipe) longer than 64 KiB be handed on as its first 64 KiB, the rest stepped
 * over unbuffered.
 */
public record Settings(Limits limits, boolean fileData) {

    public static Settings defaults() {
        return new Settings(Limits.defaults(), true);
    }

    public static Settings of(Limits limits) {
        return new Settings(limits, true);
    }

    public int maxFlows() {
        return limits.getInt(Limit.FLOWS);
    }

    public long idleTimeout() {
        return limits.get(Limit.FLOW_IDLE_TIMEOUT);
    }

    public long closedTimeout() {
        return limits.get(Limit.FLOW_CLOSED_TIMEOUT);
    }

    public int maxOutOfOrderPerDirection() {
        return limits.getInt(Limit.STREAM_OUT_OF_ORDER);
    }

    public long maxOutOfOrderTotal() {
        return limits.get(Limit.STREAM_OUT_OF_ORDER_TOTAL);
    }

    public int maxMessage() {
        return limits.getInt(Limit.MESSAGE);
    }

    public Settings withMaxMessage(int bytes) {
        return new Settings(limits.with(Limit.MESSAGE, bytes), fileData);
    }

    public Settings withMaxFlows(int n) {
        return new Settings(limits.with(Limit.FLOWS, n), fileData);
    }

    /** Nothing reads file data: large file reads and writes need not be kept whole. */
    public Settings withoutFileData() {
        return new Settings(limits, false);
    }
}
