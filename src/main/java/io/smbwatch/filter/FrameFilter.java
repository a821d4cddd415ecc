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
 *
 * <p>Lines that belong to a frame (its alerts, {@link #note}) follow its verdict too, in their
 * place among its messages. A frame with alerts but no message is judged on no message (so
 * {@code !smb2} shows it, {@code smb2} does not); a note for a frame judged already gets that
 * verdict while it is among the last filter.recent-frames judged, else is judged on no message.
 */
public final class FrameFilter implements MessageListener, io.smbwatch.stats.Capped {

    private final DisplayFilter filter;
    private final MessageListener next;
    private final MessageFrame frame = new MessageFrame();
    /** Frames judged lately (frame numbers, verdict in the sign: negative dropped) for late notes. */
    private final long[] recent;
    private int recentAt;
    /** Notes of the current frame, each with the number of its messages held before it. */
    private final java.util.List<Runnable> notes = new java.util.ArrayList<>();
    private final java.util.List<Integer> notesAt = new java.util.ArrayList<>();
    private long current = -1;
    /** Verdict of a frame that overflowed the buffer (0 none, 1 pass, -1 drop). */
    private int overflowVerdict;
    private long framesMatched, messagesPassed, overflows;

    private final int maxHeld;

    public FrameFilter(DisplayFilter filter, MessageListener next) {
        this(filter, next, Limit.FILTER_HELD.defaultInt(), Limit.FILTER_RECENT.defaultInt());
    }

    /** @param maxHeld messages of one frame held before the filter decides on what it holds (limits.filter.held-messages) */
    /** @param maxHeld messages of a frame held (filter.held-messages); @param recent frames whose verdict is kept for late notes (filter.recent-frames) */
    public FrameFilter(DisplayFilter filter, MessageListener next, int maxHeld, int recent) {
        this.recent = new long[recent];
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
            judged(current, ok);
            if (ok) {
                framesMatched++;
                int n = 0;
                for (SmbMessage x : frame.messages()) {
                    showNotes(n++);
                    pass(x);
                }
                showNotes(n);
            }
            notes.clear();
            notesAt.clear();
            frame.reset();
        }
    }

    /** Shows {@code show} (an alert's lines) if frame {@code f} is selected, after its messages held so far. */
    public void note(long f, Runnable show) {
        if (f > current) {
            flush();
            current = f;
        } else if (f < current) {
            int v = verdict(f);
            if (v > 0 || (v == 0 && filter.matches(new MessageFrame()))) show.run();
            return;
        }
        if (overflowVerdict != 0) {
            if (overflowVerdict > 0) show.run();
            return;
        }
        notes.add(show);
        notesAt.add(frame.messages().size());
    }

    /** 1 when frame f was shown, -1 when not, 0 when not among the recent ones. */
    private int verdict(long f) {
        for (long r : recent) if (Math.abs(r) == f + 1) return r > 0 ? 1 : -1;
        return 0;
    }

    private void judged(long f, boolean ok) {
        recent[recentAt] = ok ? f + 1 : -(f + 1);
        recentAt = (recentAt + 1) % recent.length;
    }

    private void pass(SmbMessage m) {
        messagesPassed++;
        next.onMessage(m);
    }

    private void flush() {
        overflowVerdict = 0;
        if (frame.messages().isEmpty() && notes.isEmpty()) return;
        boolean ok = filter.matches(frame);
        if (current >= 0) judged(current, ok);
        if (ok) {
            if (!frame.messages().isEmpty()) framesMatched++;
            int n = 0;
            for (SmbMessage x : frame.messages()) {
                showNotes(n++);
                pass(x);
            }
            showNotes(n);
        }
        notes.clear();
        notesAt.clear();
        frame.reset();
    }

    private void showNotes(int at) {
        for (int i = 0; i < notes.size(); i++) if (notesAt.get(i) == at) notes.get(i).run();
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
