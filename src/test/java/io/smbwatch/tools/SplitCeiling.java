package io.smbwatch.tools;

import io.smbwatch.app.MessageListener;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import io.smbwatch.stats.Anomalies;
import java.util.ArrayList;
import java.util.List;

/**
 * The most two workers could gain on a machine: each file given is read by a pipeline of its own on
 * a thread of its own, in one JVM, with nothing shared between them (no sharding, no merge, no
 * walk). Given the two halves of a capture, its time against one pipeline on the whole capture is
 * the ceiling of any sharded design there (scripts/split-ceiling.sh runs both).
 */
public final class SplitCeiling {
    /** -Dread=true: files read with read calls into the heap instead of through mapped windows. */
    static final boolean READ = Boolean.getBoolean("read");

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        long[] frames = new long[args.length];
        Throwable[] failed = new Throwable[1];
        for (int i = 0; i < args.length; i++) {
            String file = args[i];
            int index = i;
            Thread t = new Thread(() -> {
                try (CaptureReader r = READ ? Captures.open(java.nio.channels.FileChannel.open(java.nio.file.Path.of(file)), new Anomalies())
                        : Captures.open(file, new Anomalies(), Long.MAX_VALUE)) {
                    Pipeline p = new Pipeline(Settings.defaults().withoutFileData(), MessageListener.NONE);
                    p.run(r);
                    frames[index] = p.stats().frames;
                } catch (Throwable e) {
                    failed[0] = e;
                }
            }, "pipeline-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        if (failed[0] != null) throw new IllegalStateException(failed[0]);
        long total = 0;
        for (long f : frames) total += f;
        System.out.printf("%d pipeline(s), %d frames, %.3f s after start-up%n", args.length, total, (System.nanoTime() - t0) / 1e9);
    }
}
