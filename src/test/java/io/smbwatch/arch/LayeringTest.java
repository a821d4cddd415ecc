package io.smbwatch.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stages' dependencies point one way (../shared/ARCHITECTURE.md, "One way through"):
 * capture → packet → flow → stream → proto → app → detect → output, where files, report and filter
 * sit with output (they read what app and detect produced); config and stats are leaves every
 * stage may use (config the lowest: statistics have limits too); pipeline and cli wire the stages
 * and nothing below knows them. No package, top
 * level or nested, takes part in a cycle. Over the main classes only (tests wire freely).
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.smbwatch");
    }

    @Test
    void stagesDependOnlyOnTheStagesBefore() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .optionalLayer("config").definedBy("io.smbwatch.config..")
                .layer("stats").definedBy("io.smbwatch.stats..")
                .layer("capture").definedBy("io.smbwatch.capture..")
                .layer("packet").definedBy("io.smbwatch.packet..")
                .layer("flow").definedBy("io.smbwatch.flow..")
                .layer("stream").definedBy("io.smbwatch.stream..")
                .layer("proto").definedBy("io.smbwatch.proto..")
                .layer("app").definedBy("io.smbwatch.app..")
                .layer("detect").definedBy("io.smbwatch.detect..")
                .layer("output").definedBy("io.smbwatch.output..", "io.smbwatch.files..",
                        "io.smbwatch.report..", "io.smbwatch.filter..")
                .layer("pipeline").definedBy("io.smbwatch.pipeline..")
                .layer("cli").definedBy("io.smbwatch.cli..")
                .whereLayer("config").mayNotAccessAnyLayer()
                .whereLayer("stats").mayOnlyAccessLayers("config")
                .whereLayer("capture").mayOnlyAccessLayers("config", "stats")
                .whereLayer("packet").mayOnlyAccessLayers("config", "stats", "capture")
                .whereLayer("flow").mayOnlyAccessLayers("config", "stats", "capture", "packet")
                .whereLayer("stream").mayOnlyAccessLayers("config", "stats", "capture", "packet", "flow")
                .whereLayer("proto").mayOnlyAccessLayers("config", "stats", "capture", "packet", "flow", "stream")
                .whereLayer("app").mayOnlyAccessLayers("config", "stats", "capture", "packet", "flow", "stream", "proto")
                .whereLayer("detect").mayOnlyAccessLayers("config", "stats", "capture", "packet", "flow", "stream",
                        "proto", "app")
                .whereLayer("output").mayOnlyAccessLayers("config", "stats", "capture", "packet", "flow", "stream",
                        "proto", "app", "detect")
                .whereLayer("pipeline").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .ensureAllClassesAreContainedInArchitecture()
                .check(classes);
    }

    /** The parsers are pure: they hand records up and never ask the state built on them. */
    @Test
    void protoKnowsNothingOfApp() {
        noClasses().that().resideInAPackage("io.smbwatch.proto..")
                .should().dependOnClassesThat().resideInAPackage("io.smbwatch.app..")
                .check(classes);
    }

    /** Connection state is consumed by detection and the outputs, never the other way round. */
    @Test
    void appKnowsNothingOfDetectOrOutput() {
        noClasses().that().resideInAPackage("io.smbwatch.app..")
                .should().dependOnClassesThat().resideInAnyPackage("io.smbwatch.detect..", "io.smbwatch.output..",
                        "io.smbwatch.files..", "io.smbwatch.report..", "io.smbwatch.filter..")
                .check(classes);
    }

    @Test
    void noCyclesBetweenStages() {
        slices().matching("io.smbwatch.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Nor between a package and its sub-packages (app and app.smb2, output and output.eve). */
    @Test
    void noCyclesBetweenAnyPackages() {
        slices().matching("io.smbwatch.(**)").should().beFreeOfCycles().check(classes);
    }
}
