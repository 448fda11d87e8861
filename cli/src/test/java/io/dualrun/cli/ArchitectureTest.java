package io.dualrun.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies point one way: services depend on {@code schemas}, never on each other, on the
 * launcher or on the local platform (which only their tests use); {@code schemas} depends on no
 * other dualrun package.
 */
@AnalyzeClasses(packages = "io.dualrun", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule schemasStandAlone =
      noClasses()
          .that()
          .resideInAPackage("io.dualrun.schemas..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.dualrun.platform..",
              "io.dualrun.ingest..",
              "io.dualrun.reconciler..",
              "io.dualrun.alerting..",
              "io.dualrun.cli..");

  @ArchTest
  static final ArchRule reconcilerDependsOnSchemasOnly =
      noClasses()
          .that()
          .resideInAPackage("io.dualrun.reconciler..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.dualrun.platform..",
              "io.dualrun.ingest..",
              "io.dualrun.alerting..",
              "io.dualrun.cli..");

  @ArchTest
  static final ArchRule ingestDependsOnSchemasOnly =
      noClasses()
          .that()
          .resideInAPackage("io.dualrun.ingest..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.dualrun.platform..",
              "io.dualrun.reconciler..",
              "io.dualrun.alerting..",
              "io.dualrun.cli..");

  @ArchTest
  static final ArchRule alertingDependsOnSchemasOnly =
      noClasses()
          .that()
          .resideInAPackage("io.dualrun.alerting..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.dualrun.platform..",
              "io.dualrun.reconciler..",
              "io.dualrun.ingest..",
              "io.dualrun.cli..");

  @ArchTest
  static final ArchRule platformServesNoService =
      noClasses()
          .that()
          .resideInAPackage("io.dualrun.platform..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.dualrun.reconciler..",
              "io.dualrun.ingest..",
              "io.dualrun.alerting..",
              "io.dualrun.cli..");
}
