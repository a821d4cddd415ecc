package io.smbwatch.tools;

import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.capture.Frame;
import io.smbwatch.capture.PcapWriter;
import io.smbwatch.stats.Anomalies;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a capture whose connections run at the same time, for measuring sharded workers: the
 * frames of an Ethernet/IPv4 capture, and a copy of them whose IPv4 addresses have their last
 * byte raised by 4 (another pair of hosts) and whose clock starts SHIFT seconds earlier, merged in
 * time order. On the benchmark capture (an SMB2 run, then an SMB3 run) with SHIFT 3.3, the copy's
 * SMB3 run overlaps the original's SMB2 run. The IPv4 header checksum is recomputed; TCP checksums
 * (not verified by smbwatch) are left as they were.
 * Usage: Overlap IN.pcap OUT.pcap SHIFT_SECONDS
 */
public final class Overlap {
    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]), out = Path.of(args[1]);
        long shift = (long) (Double.parseDouble(args[2]) * 1e9);
        try (CaptureReader a = Captures.open(in.toString(), new Anomalies());
             CaptureReader b = Captures.open(in.toString(), new Anomalies());
             PcapWriter w = new PcapWriter(new BufferedOutputStream(Files.newOutputStream(out), 1 << 20), 1, true)) {
            Frame fa = new Frame(), fb = new Frame();
            boolean ha = a.next(fa), hb = b.next(fb);
            byte[] copy = new byte[65536 * 4];
            while (ha || hb) {
                long ta = ha ? fa.tsSeconds * 1_000_000_000L + fa.tsNanos : Long.MAX_VALUE;
                long tb = hb ? fb.tsSeconds * 1_000_000_000L + fb.tsNanos - shift : Long.MAX_VALUE;
                if (ta <= tb) {
                    w.write(fa.tsSeconds, fa.tsNanos, fa.data, fa.offset, fa.capLen, fa.origLen);
                    ha = a.next(fa);
                } else {
                    if (copy.length < fb.capLen) copy = new byte[fb.capLen];
                    System.arraycopy(fb.data, fb.offset, copy, 0, fb.capLen);
                    rewrite(copy, fb.capLen);
                    w.write(Math.floorDiv(tb, 1_000_000_000L), (int) Math.floorMod(tb, 1_000_000_000L), copy, 0, fb.capLen, fb.origLen);
                    hb = b.next(fb);
                }
            }
        }
    }

    private static void rewrite(byte[] p, int len) {
        if (len < 34 || (p[12] & 0xff) != 0x08 || p[13] != 0) return;
        int ip = 14;
        p[ip + 15] += 4;
        p[ip + 19] += 4;
        int ihl = (p[ip] & 0x0f) * 4;
        p[ip + 10] = 0;
        p[ip + 11] = 0;
        int sum = 0;
        for (int i = 0; i < ihl; i += 2) sum += (p[ip + i] & 0xff) << 8 | (p[ip + i + 1] & 0xff);
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        sum = ~sum & 0xffff;
        p[ip + 10] = (byte) (sum >> 8);
        p[ip + 11] = (byte) sum;
    }
}
