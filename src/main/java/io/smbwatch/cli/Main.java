package io.smbwatch.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code smbwatch <command> ...}. */
@Command(name = "smbwatch", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Network security monitor for SMB: dissects SMB1, SMB2/3 and NetBIOS from captures.",
        subcommands = {ReadCommand.class, ReportCommand.class, FieldsCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Standard output and error of a run in this JVM (tests), or null: the process's own. */
    private static volatile OutputStream out;
    private static volatile PrintStream err;

    /** Where a command writes its output: the process's standard output unless a caller handed a stream in. */
    static OutputStream stdout() {
        OutputStream o = out;
        return o != null ? new FilterOutputStream(o) { @Override public void close() throws IOException { flush(); } }
                : new FileOutputStream(FileDescriptor.out);
    }

    static PrintStream stderr() {
        PrintStream e = err;
        return e != null ? e : System.err;
    }

    /**
     * Runs the command line with these streams as standard output and error, in this JVM (a test
     * runs many captures without starting a JVM for each); one run at a time.
     */
    public static synchronized int run(OutputStream stdout, PrintStream stderr, String... args) {
        out = stdout;
        err = stderr;
        try {
            return run(args);
        } finally {
            out = null;
            err = null;
        }
    }

    /** Runs the command line; returns the exit code (0 ok, 2 bad arguments or unreadable input). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        if (err != null) cl.setErr(new PrintWriter(err, true));
        // --help and --version text to the caller's stream too
        if (out != null) cl.setOut(new PrintWriter(new OutputStreamWriter(stdout(), StandardCharsets.UTF_8), true));
        cl.setExitCodeExceptionMapper(e -> 2);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("smbwatch: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return 2;
        });
        return cl.execute(args);
    }
}
