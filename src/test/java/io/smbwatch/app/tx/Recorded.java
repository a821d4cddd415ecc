package io.smbwatch.app.tx;

import io.smbwatch.app.MessageListener;
import io.smbwatch.app.SmbMessage;
import io.smbwatch.capture.CaptureReader;
import io.smbwatch.capture.Captures;
import io.smbwatch.flow.Flow;
import io.smbwatch.pipeline.Pipeline;
import io.smbwatch.pipeline.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A capture's messages and flow ends, in order, replayed into an assembler (optionally filtered). */
final class Recorded {
    /** A message, or (message null) the end of a flow. */
    record Event(SmbMessage message, Flow ended) {}

    final List<Event> events = new ArrayList<>();

    Recorded(Path capture) throws IOException {
        Pipeline p = new Pipeline(Settings.defaults(), new MessageListener() {
            @Override
            public void onMessage(SmbMessage m) {
                events.add(new Event(m, null));
            }

            @Override
            public void onFlowEnd(Flow flow) {
                events.add(new Event(null, flow));
            }
        });
        try (CaptureReader r = Captures.open(capture.toString(), p.anomalies())) {
            p.run(r);
        }
    }

    List<SmbMessage> messages() {
        List<SmbMessage> l = new ArrayList<>();
        for (Event e : events) if (e.message() != null) l.add(e.message());
        return l;
    }

    /** Transactions delivered at a message, and those delivered at flow ends. */
    static final class Result {
        final List<SmbTransaction> all = new ArrayList<>();
        final List<SmbTransaction> atFlowEnd = new ArrayList<>();
        final TxAssembler assembler = new TxAssembler();
    }

    Result replay(Predicate<SmbMessage> keep) {
        Result r = new Result();
        for (Event e : events) {
            if (e.message() != null) {
                if (keep.test(e.message())) r.assembler.onMessage(e.message(), r.all::add);
            } else {
                r.assembler.onFlowEnd(e.ended(), tx -> {
                    r.all.add(tx);
                    r.atFlowEnd.add(tx);
                });
            }
        }
        return r;
    }

    Result replay() {
        return replay(m -> true);
    }
}
