package io.smbwatch.cli;

import io.smbwatch.filter.FieldInfo;
import io.smbwatch.filter.FieldRegistry;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code smbwatch fields [PREFIX]}: the field names display filters accept, with type and description. */
@Command(name = "fields", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List the field and protocol names usable in display filters (read -Y), with their types.")
final class FieldsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PREFIX", arity = "0..1", description = "list only the names starting with PREFIX (e.g. smb2.)")
    String prefix = "";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(Main.stdout(), false, java.nio.charset.StandardCharsets.UTF_8);
        int n = 0;
        for (FieldInfo f : FieldRegistry.all()) {
            if (!f.name().startsWith(prefix)) continue;
            out.printf("%-36s %-18s %s%n", f.name(), f.type().label, f.description());
            n++;
        }
        out.flush();
        if (n == 0) {
            String s = FieldRegistry.suggest(prefix);
            Main.stderr().println("smbwatch: no field starts with \"" + prefix + "\"" + (s != null ? "; did you mean \"" + s + "\"?" : ""));
            return 2;
        }
        return 0;
    }
}
