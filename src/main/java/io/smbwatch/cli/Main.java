package io.smbwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code smbwatch <command> ...}. */
@Command(name = "smbwatch", mixinStandardHelpOptions = true, version = "smbwatch 0.1.0",
        description = "Network security monitor for SMB: dissects SMB1, SMB2/3 and NetBIOS from captures.",
        subcommands = {ReadCommand.class, ReportCommand.class, FieldsCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit code (0 ok, 2 bad arguments or unreadable input). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> 2);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("smbwatch: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return 2;
        });
        return cl.execute(args);
    }
}
