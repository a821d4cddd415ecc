package io.smbwatch.packet;

/**
 * What became of one frame in the decoder. Every frame ends in exactly one of these, so
 * the statistics add up: frames read = sum over all results.
 */
public enum DecodeResult {
    TCP("tcp"),
    UDP("udp"),
    OTHER_IP("other IP protocol"),
    NON_IP("not IP"),
    UNSUPPORTED_LINK("unsupported link type"),
    TRUNCATED("truncated headers"),
    MALFORMED("malformed header"),
    FRAGMENT_HELD("IP fragment held for reassembly"),
    FRAGMENT_DROPPED("IP fragment dropped");

    public final String label;

    DecodeResult(String label) {
        this.label = label;
    }
}
