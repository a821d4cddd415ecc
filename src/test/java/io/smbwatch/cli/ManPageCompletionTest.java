package io.smbwatch.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The man pages (AsciiDoc, target/man-adoc) and the bash completion (target/smbwatch_completion)
 * that the build makes with picocli's generators name every subcommand, option and parameter of
 * the command as compiled: an option added without them showing it fails here.
 */
class ManPageCompletionTest {
    static final Path ADOC = Path.of("target/man-adoc"), COMPLETION = Path.of("target/smbwatch_completion");

    /** Every command below the top one, the top one first. */
    static List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        CommandSpec top = new CommandLine(new Main()).getCommandSpec();
        all.add(top);
        top.subcommands().values().forEach(c -> all.add(c.getCommandSpec()));
        return all;
    }

    /** How a man page writes an option name: --[no-]progress for a negatable one. */
    static boolean named(String page, OptionSpec o, String name) {
        if (page.contains(name)) return true;
        String base = name.startsWith("--no-") ? name.substring(5) : name.substring(2);
        return o.negatable() && page.contains("--[no-]" + base);
    }

    /** One page's text for this command: smbwatch.adoc, smbwatch-read.adoc, ... */
    static String page(Path dir, CommandSpec c, String ext) throws Exception {
        String name = c.qualifiedName("-");
        Path p = dir.resolve(name + ext);
        assertTrue(Files.isRegularFile(p), "the build made " + p);
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** Every option name, parameter label and subcommand of each command in its page. */
    static void pagesNameEverything(Path dir, String ext, java.util.function.UnaryOperator<String> plain) throws Exception {
        for (CommandSpec c : commands()) {
            String page = plain.apply(page(dir, c, ext));
            for (OptionSpec o : c.options())
                for (String n : o.names()) assertTrue(named(page, o, n), c.qualifiedName() + ": " + n + " in its man page");
            for (PositionalParamSpec p : c.positionalParameters())
                assertTrue(page.contains(p.paramLabel()), c.qualifiedName() + ": parameter " + p.paramLabel() + " in its man page");
            for (String sub : c.subcommands().keySet())
                assertTrue(page.contains(sub), c.qualifiedName() + ": subcommand " + sub + " in its man page");
        }
    }

    @Test
    void manPagesNameEveryCommandOptionAndParameter() throws Exception {
        assertTrue(commands().size() >= 4, "smbwatch, read, report, fields at least");
        pagesNameEverything(ADOC, ".adoc", s -> s);
    }

    @Test
    void completionOffersEverySubcommandAndOption() throws Exception {
        String script = Files.readString(COMPLETION, StandardCharsets.UTF_8);
        assertTrue(script.contains("complete -F _complete_smbwatch"), "a bash completion for the smbwatch command");
        for (CommandSpec c : commands()) {
            if (c.parent() != null) assertTrue(script.contains("_picocli_smbwatch_" + c.name() + "()"), "a function for " + c.name());
            for (String sub : c.subcommands().keySet())
                assertTrue(script.matches("(?s).*local commands=\"[^\"]*\\b" + sub + "\\b.*"), "subcommand " + sub + " offered");
            for (OptionSpec o : c.options())
                for (String n : o.names())
                    assertTrue(script.contains("'" + n + "'"), c.qualifiedName() + ": " + n + " offered");
        }
    }
}
