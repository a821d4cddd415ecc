package io.smbwatch.flow;

/**
 * The application protocol of a flow, decided once by the pipeline (ports, then the first payload's
 * bytes) and kept in {@link Flow#appProto} for the later stages, which do not guess again.
 */
public enum AppProto {
    /** Not decided yet: a TCP flow off the SMB and DCERPC ports that has carried no payload so far. */
    UNKNOWN,
    /** SMB over NBSS (TCP 445/139, or a stream that starts like an NBSS session message), or SMB in NetBIOS datagrams (UDP 138). */
    SMB,
    /** Connection-oriented DCERPC straight over TCP (port 135, or a stream that starts with a DCERPC header). */
    DCERPC,
    /** Anything else: no application parser follows the flow. */
    OTHER
}
