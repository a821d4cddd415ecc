package io.smbwatch.files;

import java.nio.file.Path;

/** Debug: lists the files extracted from a capture. */
public final class Dump {
    public static void main(String[] a) throws Exception {
        java.util.List<ExtractedFile> l = new java.util.ArrayList<>();
        try (FileExtractor x = new FileExtractor(a.length > 1 ? Path.of(a[1]) : null)) {
            x.addSink(l::add);
            io.smbwatch.pipeline.Pipeline p = new io.smbwatch.pipeline.Pipeline(io.smbwatch.pipeline.Settings.defaults(), x);
            try (var r = io.smbwatch.capture.Captures.open(a[0], p.anomalies())) {
                p.run(r);
            }
        }
        for (ExtractedFile f : l) {
            System.out.println(f.sha256() + " " + f.size() + " gaps=" + f.gaps() + " closed=" + f.closed() + " " + f.directionName()
                    + " " + f.name() + " " + f.fid() + " frames " + f.firstFrame() + "-" + f.lastFrame() + " flow " + f.flow().id + " " + f.magic());
        }
    }
}
