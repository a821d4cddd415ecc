package io.smbwatch.app.smb2;

import io.smbwatch.config.Limit;
import io.smbwatch.app.BoundedMap;

/**
 * SMB2 state that outlives a connection: sessions, trees and open files belong to the server
 * (MS-SMB2 §3.3.1: Session.TreeConnectTable, Open), and SMB 3 multichannel or a reconnect uses
 * them over another TCP connection. One instance per pipeline; keys include the server address.
 */
public final class Smb2Shared {
    /** What a session is known as. */
    static final class Session {
        String user, domain, host;
        boolean anonymous;
    }

    /** A connected tree: its path and share type (1 disk, 2 pipe, 3 print). */
    record Tree(String path, int shareType) {}

    /** An open file. */
    record OpenFile(String name, String tree, int createAction) {}

    record SessionKey(long serverHi, long serverLo, long sessionId) {}

    record TreeKey(long serverHi, long serverLo, long sessionId, int treeId) {}

    record FileKey(long serverHi, long serverLo, long persistent, long vol) {}

    final BoundedMap<SessionKey, Session> sessions;
    final BoundedMap<TreeKey, Tree> trees;
    final BoundedMap<FileKey, OpenFile> files;

    public Smb2Shared() {
        this(Limit.SMB2_SESSIONS.defaultInt(), Limit.SMB2_TREES.defaultInt(), Limit.SMB2_FILES.defaultInt());
    }

    /** Caps of limits.smb2.sessions, trees and files. */
    public Smb2Shared(int maxSessions, int maxTrees, int maxFiles) {
        sessions = new BoundedMap<>(maxSessions);
        trees = new BoundedMap<>(maxTrees);
        files = new BoundedMap<>(maxFiles);
    }

    /** Entries dropped because a cap was reached. */
    public long evictions() {
        return sessions.evicted() + trees.evicted() + files.evicted();
    }

    public int openFiles() {
        return files.size();
    }
}
