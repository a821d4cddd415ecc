package io.smbwatch.detect.engine;

import static org.bytedeco.hyperscan.global.hyperscan.HS_FLAG_CASELESS;
import static org.bytedeco.hyperscan.global.hyperscan.HS_FLAG_SINGLEMATCH;
import static org.bytedeco.hyperscan.global.hyperscan.HS_MODE_BLOCK;
import static org.bytedeco.hyperscan.global.hyperscan.hs_alloc_scratch;
import static org.bytedeco.hyperscan.global.hyperscan.hs_compile_multi;
import static org.bytedeco.hyperscan.global.hyperscan.hs_scan;

import io.smbwatch.detect.rule.BufferKind;
import io.smbwatch.detect.rule.Classifications;
import io.smbwatch.detect.rule.Rule;
import io.smbwatch.detect.rule.RuleSet;
import io.smbwatch.detect.rule.RuleVars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.hyperscan.hs_compile_error_t;
import org.bytedeco.hyperscan.hs_database_t;
import org.bytedeco.hyperscan.hs_scratch_t;
import org.bytedeco.hyperscan.match_event_handler;

/**
 * Hyperscan (through the JavaCPP binding org.bytedeco:hyperscan) against smbwatch's pattern
 * scanner on the same patterns: the payload fast patterns of a rule file at least MIN bytes long,
 * case-insensitive, over 1 MiB of random bytes (what bulk SMB file data looks like to them), 600 MiB
 * per round. Run by scripts/hyperscan-compare.sh; not part of the build.
 */
public class HyperscanCompare {
    static long hits;

    public static void main(String[] a) throws Exception {
        RuleSet rs = new RuleSet(RuleVars.defaults(), Classifications.defaults()).load(Path.of(a[0]));
        for (int min : new int[] {2, 4, 8}) {
            List<byte[]> pats = new ArrayList<>();
            for (Rule r : rs.rules()) {
                if (r.inert() == null && r.fastPattern() != null && r.fastPatternBuffer() == BufferKind.PAYLOAD
                        && r.fastPattern().prefilterBytes().length >= min) {
                    pats.add(r.fastPattern().prefilterBytes());
                }
            }
            compare(pats);
        }
    }

    static void compare(List<byte[]> pats) {
        int n = pats.size();
        PointerPointer<BytePointer> exprs = new PointerPointer<>(n);
        IntPointer flags = new IntPointer(n), ids = new IntPointer(n);
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (byte b : pats.get(i)) sb.append(String.format("\\x%02x", b & 0xff));
            exprs.put(i, new BytePointer(sb.toString()));
            flags.put(i, HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH);
            ids.put(i, i);
        }
        PointerPointer<hs_database_t> db = new PointerPointer<>(1);
        PointerPointer<hs_compile_error_t> err = new PointerPointer<>(1);
        db.put(0, (Pointer) null);
        err.put(0, (Pointer) null);
        long t = System.nanoTime();
        int rc = hs_compile_multi(exprs, flags, ids, n, HS_MODE_BLOCK, null, db, err);
        long compile = System.nanoTime() - t;
        if (rc != 0) throw new IllegalStateException("hs_compile_multi: " + rc);
        hs_database_t d = db.get(hs_database_t.class, 0);
        PointerPointer<hs_scratch_t> sp = new PointerPointer<>(1);
        sp.put(0, (Pointer) null);
        if (hs_alloc_scratch(d, sp) != 0) throw new IllegalStateException("hs_alloc_scratch");
        hs_scratch_t scratch = sp.get(hs_scratch_t.class, 0);
        match_event_handler h = new match_event_handler() {
            @Override
            public int call(int id, long from, long to, int fl, Pointer ctx) {
                hits++;
                return 0;
            }
        };
        t = System.nanoTime();
        PatternScanner ps = new PatternScanner(pats);
        long build = System.nanoTime() - t;
        byte[] heap = new byte[1 << 20];
        new Random(1).nextBytes(heap);
        BytePointer buf = new BytePointer(heap.length);
        PatternScanner.Hit count = id -> hits++;
        double hsBest = 0, hsCopyBest = 0, psBest = 0;
        for (int round = 0; round < 5; round++) {
            t = System.nanoTime();
            for (int i = 0; i < 600; i++) {
                buf.position(0).put(heap);           // Java's payloads live on the heap: the copy is part of the cost
                hs_scan(d, buf, heap.length, 0, scratch, h, null);
            }
            hsCopyBest = Math.max(hsCopyBest, 600.0 * heap.length / (System.nanoTime() - t) * 1000);
            t = System.nanoTime();
            for (int i = 0; i < 600; i++) hs_scan(d, buf, heap.length, 0, scratch, h, null);
            hsBest = Math.max(hsBest, 600.0 * heap.length / (System.nanoTime() - t) * 1000);
            t = System.nanoTime();
            for (int i = 0; i < 600; i++) ps.scan(heap, 0, heap.length, count);
            psBest = Math.max(psBest, 600.0 * heap.length / (System.nanoTime() - t) * 1000);
        }
        System.out.printf("%3d patterns, shortest %d: hyperscan %,6.0f MB/s (%,6.0f with the copy to native memory), "
                + "compile %5.1f ms | PatternScanner %,6.0f MB/s, build %4.1f ms%n", n,
                pats.stream().mapToInt(p -> p.length).min().orElse(0), hsBest, hsCopyBest, compile / 1e6, psBest, build / 1e6);
    }
}
