package io.smbwatch.files;

import io.smbwatch.flow.Flow;

/**
 * A file transfer seen over SMB, once finished (closed, or its flow ended): what the EVE
 * {@code fileinfo} event, the sidecar JSON and Zeek's smb_files.log tell of it.
 *
 * @param id         this run's number for the file (1, 2, ...)
 * @param flow       the connection that carried its first data
 * @param direction  {@link Flow#TO_SERVER} for an upload (SMB Write), {@link Flow#TO_CLIENT} for a download (SMB Read)
 * @param protocol   "SMB" or "SMB2"
 * @param name       file name as opened (without the share), or null when the open was not seen
 * @param share      tree path ("\\\\server\\share"), or null
 * @param fid        FID / FileId the data was read or written through
 * @param size       end of the last byte seen (gaps included)
 * @param gaps       some byte before {@code size} was never seen (skipped by the digests, a hole in the stored copy)
 * @param closed     the client closed the file (else the flow ended or a cap was hit first)
 * @param capped     data was dropped by a cap (ranges, size)
 * @param sha256     hex digest of the bytes seen, in offset order (holes skipped); null when not computed
 * @param md5        hex digest, or null
 * @param sha1       hex digest, or null (computed only when the configuration asks for it)
 * @param magic      type from the first bytes ({@link MagicType})
 * @param stored     path of the stored copy, or null when only hashed
 */
public record ExtractedFile(long id, Flow flow, int direction, String protocol, String name, String share, String fid,
                            long size, boolean gaps, boolean closed, boolean capped, String sha256, String md5,
                            String magic, java.nio.file.Path stored, long firstFrame, long lastFrame,
                            long firstSeconds, int firstNanos, long lastSeconds, int lastNanos,
                            long sessionId, long treeId, String user, String sha1) {

    /** Not all of the file was seen. */
    public boolean truncated() {
        return gaps || !closed || capped;
    }

    public String directionName() {
        return direction == Flow.TO_SERVER ? "upload" : "download";
    }

    /** Receives each finished file. */
    public interface Sink {
        void onFile(ExtractedFile f);
    }
}
