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

    /** Bytes of the capture consumed so far (for progress and error positions). */
    long position();
}
