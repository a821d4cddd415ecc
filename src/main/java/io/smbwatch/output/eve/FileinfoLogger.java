package io.smbwatch.output.eve;

import com.fasterxml.jackson.core.JsonGenerator;
import io.smbwatch.files.ExtractedFile;
import io.smbwatch.flow.Flow;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes an EVE {@code fileinfo} event per finished SMB file transfer, in Suricata 7's layout:
 * the packet's direction (a download is written server → client), {@code app_proto} "smb", a
 * small {@code smb} object naming the command, file, share and handle, and {@code fileinfo}
 * with filename, gaps, state (CLOSED, or TRUNCATED when the flow ended first), hashes, magic,
 * stored, file_id, size and tx_id (this file's number in the run: smbwatch keeps one
 * transaction per Read/Write pair, so Suricata's file transaction ids do not apply).
 */
public final class FileinfoLogger implements ExtractedFile.Sink {
    private final EveWriter eve;

    public FileinfoLogger(EveWriter eve) {
        this.eve = eve;
    }

    @Override
    public void onFile(ExtractedFile f) {
        eve.begin("fileinfo", f.flow(), f.direction(), f.lastFrame(), f.lastSeconds(), f.lastNanos());
        JsonGenerator g = eve.json();
        boolean smb2 = "SMB2".equals(f.protocol());
        boolean up = f.direction() == Flow.TO_SERVER;
        String name = f.name() == null ? "<unknown>" : f.name();
        try {
            g.writeObjectFieldStart("smb");
            g.writeStringField("command", smb2 ? (up ? "SMB2_COMMAND_WRITE" : "SMB2_COMMAND_READ")
                    : (up ? "SMB1_COMMAND_WRITE_ANDX" : "SMB1_COMMAND_READ_ANDX"));
            g.writeNumberField("session_id", f.sessionId());
            g.writeNumberField("tree_id", f.treeId());
            g.writeStringField("filename", name);
            g.writeStringField("share", f.share() == null ? "" : f.share());
            if (f.fid() != null) g.writeStringField("fuid", SmbEveNames.fuid(f.fid()));
            g.writeEndObject();
            g.writeStringField("app_proto", "smb");
            g.writeObjectFieldStart("fileinfo");
            g.writeStringField("filename", name);
            g.writeStringField("magic", f.magic());
            g.writeBooleanField("gaps", f.gaps());
            g.writeStringField("state", f.truncated() ? "TRUNCATED" : "CLOSED");
            // Suricata's order; a digest not asked for (force-hash) is left out, as Suricata does
            if (f.md5() != null) g.writeStringField("md5", f.md5());
            if (f.sha1() != null) g.writeStringField("sha1", f.sha1());
            if (f.sha256() != null) g.writeStringField("sha256", f.sha256());
            g.writeBooleanField("stored", f.stored() != null);
            g.writeNumberField("file_id", f.id());
            g.writeNumberField("size", f.size());
            g.writeNumberField("tx_id", f.id() - 1);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        eve.end();
    }
}
