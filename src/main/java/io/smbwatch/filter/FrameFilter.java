package io.smbwatch.filter;

import io.smbwatch.config.Limit;
import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.flow.Flow;

/**
 * Passes on the messages of the frames a {@link DisplayFilter} selects, in order. The pipeline
 * hands messages in frame order, so the messages of the current frame are held until one of a
 * later frame arrives (or {@link #finish}); at most {@link Limit#FILTER_HELD} are held, beyond which the
 * frame is judged on the first ones and the rest follow the verdict without being evaluated.
 * Message payload views are gone by then: downstream listeners must not read them.
 */
public final class FrameFilter implements MessageListener, io.smbwatch.stats.Capped {

    private final DisplayFilter filter;
    private final MessageListener next;
    private final MessageFrame frame = new MessageFrame();
    private long current = -1;
    /** Verdict of a frame that overflowed the buffer (0 none, 1 pass, -1 drop). */
    private int overflowVerdict;
    private long framesMatched, messagesPassed, overflows;

    private final int maxHeld;

    public FrameFilter(DisplayFilter filter, MessageListener next) {
        this(filter, next, Limit.FILTER_HELD.defaultInt());
    }

    /** @param maxHeld messages of one frame held before the filter decides on what it holds (limits.filter.held-messages) */
    public FrameFilter(DisplayFilter filter, MessageListener next, int maxHeld) {
        this.filter = filter;
        this.next = next;
        this.maxHeld = maxHeld;
    }

    @Override
    public void onMessage(SmbMessage m) {
        if (m.frame != current) {
            flush();
            current = m.frame;
        }
        if (overflowVerdict != 0) {
            if (overflowVerdict > 0) pass(m);
            return;
        }
        frame.add(m);
        if (frame.messages().size() >= maxHeld) {
            overflows++;
            boolean ok = filter.matches(frame);
            overflowVerdict = ok ? 1 : -1;
            if (ok) framesMatched++;
            if (ok) for (SmbMessage x : frame.messages()) pass(x);
            frame.reset();
        }
    }

    private void pass(SmbMessage m) {
        messagesPassed++;
        next.onMessage(m);
    }

    private void flush() {
        overflowVerdict = 0;
        if (frame.messages().isEmpty()) return;
        if (filter.matches(frame)) {
            framesMatched++;
            for (SmbMessage x : frame.messages()) pass(x);
        }
        frame.reset();
    }

    @Override
    public void onFlowEnd(Flow flow) {
        next.onFlowEnd(flow);
    }

    /** End of input: judges the last frame. */
    public void finish() {
        flush();
        current = -1;
    }

    public long framesMatched() {
        return framesMatched;
    }

    public long messagesPassed() {
        return messagesPassed;
    }

    public long overflows() {
        return overflows;
    }

    @Override
    public void countCaps(io.smbwatch.stats.Anomalies into) {
        into.add(io.smbwatch.stats.AnomalyKind.FILTER_HELD_CAP, overflows);
    }
}
