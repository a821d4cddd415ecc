package io.smbwatch.app.smb1;

import io.smbwatch.config.Limit;
import io.smbwatch.app.BoundedMap;

/**
 * What one SMB1 connection remembers: sessions by UID, trees by TID, open files by FID and
 * requests waiting for their response by PID/MID. Every map is capped; past the cap the oldest
 * entry goes and is counted ({@link BoundedMap#evicted()}). Entries are freed when the protocol
 * frees them: Logoff (session), Tree Disconnect (tree), Close (file), the response (request).
 */
public final class Smb1State {
    /** A logged-on session (from Session Setup AndX). Strings empty when unknown. */
    public static final class Session {
        public final String user, domain, host;

        Session(String user, String domain, String host) {
            this.user = user;
            this.domain = domain;
            this.host = host;
        }
    }

    /** A connected tree: share path ("\\host\share") and service ("A:", "IPC", ...). */
    public static final class Tree {
        public final String path;
        public final String service;

        Tree(String path, String service) {
            this.path = path;
            this.service = service;
        }
    }

    /** An open file or pipe. */
    public static final class OpenFile {
        public final String name;
        public final String tree;
        public final int tid;
        /** NT Create's CreateAction or Open AndX's OpenResults (-1 unknown). */
        public final int createAction;

        OpenFile(String name, String tree, int tid, int createAction) {
            this.name = name;
            this.tree = tree;
            this.tid = tid;
            this.createAction = createAction;
        }
    }

    /** What a request leaves for its response. -1 / null where it does not apply. */
    public static final class Pending {
        public int command;
        public int fid = -1;
        public String name;
        public int subcommand = -1;
        public int level = -1;
        public int findFlags;
        public String pattern;
        public String transName;
        public String user, domain, host;
    }

    public final BoundedMap<Integer, Session> sessions;
    public final BoundedMap<Integer, Tree> trees;
    public final BoundedMap<Integer, OpenFile> files;
    public final BoundedMap<Long, Pending> pending;

    public Smb1State() {
        this(Limit.SMB1_SESSIONS.defaultInt(), Limit.SMB1_TREES.defaultInt(), Limit.SMB1_FILES.defaultInt(),
                Limit.SMB1_PENDING.defaultInt());
    }

    public Smb1State(int sessions, int trees, int files, int pending) {
        this.sessions = new BoundedMap<>(sessions);
        this.trees = new BoundedMap<>(trees);
        this.files = new BoundedMap<>(files);
        this.pending = new BoundedMap<>(pending);
    }

    static Session session(String user, String domain, String host) {
        return new Session(user, domain, host);
    }

    static Tree tree(String path, String service) {
        return new Tree(path, service);
    }

    static OpenFile file(String name, String tree, int tid, int createAction) {
        return new OpenFile(name, tree, tid, createAction);
    }

    /** Requests are paired with responses by PID and MID (MS-CIFS §3.2.4.1.3 / §3.3.4.1.2). */
    public static long key(int pid, int mid) {
        return ((pid & 0xffffffffL) << 16) | (mid & 0xffff);
    }
}
