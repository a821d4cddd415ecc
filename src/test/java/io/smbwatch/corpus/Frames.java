package io.smbwatch.corpus;

import io.smbwatch.app.MessageListener;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.capture.Frame;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import io.smbwatch.stats.Anomalies;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/** A capture held in memory as copied frames, to replay any subset of them through a pipeline. */
public final class Frames {
    public final List<Frame> frames = new ArrayList<>();

    public Frames(Path capture) throws IOException {
        try (CaptureReader r = Captures.open(capture.toString(), new Anomalies())) {
            Frame f = new Frame();
            while (r.next(f)) {
                Frame c = Frame.copy(f);
                frames.add(c);
            }
        }
    }

    /** Runs the frames whose number {@code keep} accepts (numbers stay the original ones). */
    public Pipeline replay(LongPredicate keep, MessageListener listener) {
        Pipeline p = new Pipeline(Settings.defaults(), listener);
        for (Frame f : frames) {
            if (keep.test(f.number)) p.onFrame(f);
        }
        p.finish();
        return p;
    }
}
