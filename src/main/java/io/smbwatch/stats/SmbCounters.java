package io.smbwatch.stats;

/** Counters of the SMB layer, summed over all connections. */
public final class SmbCounters {
    public long smb1, smb2, encrypted, compressed, nbssControl, malformed, notSmb;
    public long resyncs, desyncs, skippedBytes, lostMessages;
    /** DCERPC PDUs dissected (over pipes and TCP). */
    public long dcerpc;

    public long messages() {
        return smb1 + smb2 + encrypted + compressed;
    }
}
