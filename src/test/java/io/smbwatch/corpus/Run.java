package io.smbwatch.corpus;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the pipeline over a capture and keeps every message. */
public final class Run {
    public final List<SmbMessage> messages = new ArrayList<>();
    public final Pipeline pipeline;

    public Run(Path capture) throws IOException {
        this(capture, Settings.defaults());
    }

    public Run(Path capture, Settings settings) throws IOException {
        pipeline = new Pipeline(settings, messages::add);
        try (CaptureReader r = Captures.open(capture.toString(), pipeline.anomalies())) {
            pipeline.run(r);
        }
    }
}
