package io.smbwatch.capture;

import java.io.Closeable;
import java.io.IOException;

/** Reads records one at a time into a reused {@link Frame}. */
public interface CaptureReader extends Closeable {
    /**
     * Fills {@code frame} with the next packet record.
     *
     * @return false at the end of the capture, or when the rest cannot be read (the reason was
     *     reported to the {@link io.smbwatch.stats.Anomalies} given to the reader)
     * @throws IOException only when the underlying file or stream fails
     */
    boolean next(Frame frame) throws IOException;

    /**
     * Like {@link #next}, but the frame need hold only its first {@code head} captured bytes (its
     * {@code capLen} is still the record's): a reader that can step over the rest unread does so
     * unless {@link #whole} is called before the next call. Readers that cannot just read it whole.
     */
    default boolean nextHead(Frame frame, int head) throws IOException {
        return next(frame);
    }

    /** Makes all of the frame last returned by {@link #nextHead} readable (its data and offset may change). */
    default void whole(Frame frame) throws IOException {}

    /** Bytes of the capture consumed so far (for progress and error positions). */
    long position();
}
