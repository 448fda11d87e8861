package io.dualrun.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The module map (docs/architecture.md) as rules over the compiled classes of every module: each
 * module's packages may use only the modules listed for it, so dependencies point one way (services
 * use {@code schemas}, {@code config} and {@code service}, never each other), and inside a module
 * no two packages depend on each other in a cycle.
 */
class ArchitectureTest {
  /** Each module's root packages. */
  static final Map<String, List<String>> MODULES = new LinkedHashMap<>();

  /** Which modules each module may use (besides itself). */
  static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

  static {
    module("registry-client", Set.of(), "io.dualrun.registry");
    module("schemas", Set.of("registry-client"), "io.dualrun.schemas");
    module(
        "config",
        Set.of("registry-client", "schemas"),
        "io.dualrun.config",
        "io.dualrun.inventory");
    module("platform", Set.of("registry-client", "schemas"), "io.dualrun.platform");
    module("service", Set.of("registry-client", "schemas", "config"), "io.dualrun.service");
    Set<String> serviceDeps = Set.of("registry-client", "schemas", "config", "service");
    module("ingest", serviceDeps, "io.dualrun.ingest");
    module("reconciler", serviceDeps, "io.dualrun.reconciler");
    module("alerting", serviceDeps, "io.dualrun.alerting");
    module("hooks", Set.of("registry-client", "schemas", "config", "service"), "io.dualrun.hooks");
    module("sql", Set.of("registry-client", "config"), "io.dualrun.sql");
    module(
        "cli",
        Set.of(
            "registry-client",
            "schemas",
            "config",
            "platform",
            "service",
            "ingest",
            "reconciler",
            "alerting",
            "hooks"),
        "io.dualrun.cli");
    module(
        "load-tests",
        Set.of(
            "registry-client",
            "schemas",
            "config",
            "platform",
            "service",
            "ingest",
            "reconciler",
            "alerting"),
        "io.dualrun.loadtest");
  }

  private static void module(String name, Set<String> mayUse, String... packages) {
    MODULES.put(name, List.of(packages));
    MAY_USE.put(name, mayUse);
  }

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dualrun");
  }

  @Test
  void everyModuleIsOnTheMapAndPresent() {
    for (Map.Entry<String, List<String>> m : MODULES.entrySet()) {
      assertThat(
              classes.stream().anyMatch(c -> m.getValue().stream().anyMatch(p -> inPackage(c, p))))
          .as("classes of module %s (%s) were imported", m.getKey(), m.getValue())
          .isTrue();
    }
    List<String> unmapped =
        classes.stream()
            .filter(c -> moduleOf(c) == null)
            .map(JavaClass::getName)
            .filter(n -> !n.startsWith("io.dualrun.schemas.avro") || moduleOf(n) == null)
            .toList();
    assertThat(unmapped).as("classes in no module of the map").isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> eachModuleUsesOnlyTheModulesItMay() {
    return MODULES.keySet().stream()
        .map(m -> DynamicTest.dynamicTest(m, () -> dependencyRule(m).check(classes)));
  }

  @TestFactory
  Stream<DynamicTest> noPackageCycleInsideAModule() {
    return MODULES.keySet().stream()
        .map(m -> DynamicTest.dynamicTest(m, () -> cycleRule(m).check(classes)));
  }

  /**
   * Ingest reads a body in {@code parse} without knowing HTTP (a reading answers {@code Parsed},
   * never a status), and answers with records, never with hand-built JSON trees.
   */
  @Test
  void ingestParsingKnowsNoHttpAndItsAnswersAreRecords() {
    noClasses()
        .that()
        .resideInAPackage("io.dualrun.ingest.parse..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.dualrun.ingest.http..", "io.javalin..", "jakarta.servlet..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.dualrun.ingest.http..")
        .or()
        .haveFullyQualifiedName("io.dualrun.ingest.IngestRoutes")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.fasterxml.jackson.databind.node..")
        .check(classes);
  }

  @Test
  void noTwoTopLevelClassesShareASimpleName() {
    java.util.Map<String, java.util.List<String>> byName = new java.util.TreeMap<>();
    classes.stream()
        .filter(c -> c.getPackageName().startsWith("io.dualrun"))
        .filter(c -> c.isTopLevelClass())
        .forEach(
            c ->
                byName.computeIfAbsent(c.getSimpleName(), k -> new ArrayList<>()).add(c.getName()));
    byName.values().removeIf(names -> names.size() < 2);
    org.assertj.core.api.Assertions.assertThat(byName)
        .as("one name, one meaning: classes of the same simple name in different packages")
        .isEmpty();
  }

  @Test
  void reconcilerRestAnswersAreRecordsNotHandBuiltTrees() {
    noClasses()
        .that()
        .resideInAnyPackage("io.dualrun.reconciler.rest..", "io.dualrun.reconciler.web..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("com.fasterxml.jackson.databind.node.JsonNodeFactory")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("com.fasterxml.jackson.databind.node.ArrayNode")
        .because(
            "REST answers are records (PairView, DigestRow, WorkflowSummary, ReadinessReport,"
                + " ErrorBody); Avro records are written by AvroJson alone")
        .check(classes);
  }

  static ArchRule dependencyRule(String module) {
    List<String> forbidden = new ArrayList<>();
    for (Map.Entry<String, List<String>> other : MODULES.entrySet()) {
      if (!other.getKey().equals(module) && !MAY_USE.get(module).contains(other.getKey())) {
        other.getValue().forEach(p -> forbidden.add(p + ".."));
      }
    }
    return noClasses()
        .that()
        .resideInAnyPackage(MODULES.get(module).stream().map(p -> p + "..").toArray(String[]::new))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden.toArray(String[]::new))
        .as("module " + module + " uses only " + MAY_USE.get(module))
        .allowEmptyShould(true);
  }

  static ArchRule cycleRule(String module) {
    List<String> roots = MODULES.get(module);
    SliceAssignment byPackage =
        new SliceAssignment() {
          @Override
          public SliceIdentifier getIdentifierOf(JavaClass c) {
            for (String root : roots) {
              if (inPackage(c, root)) {
                return SliceIdentifier.of(c.getPackageName());
              }
            }
            return SliceIdentifier.ignore();
          }

          @Override
          public String getDescription() {
            return "packages of module " + module;
          }
        };
    return slices().assignedFrom(byPackage).should().beFreeOfCycles().allowEmptyShould(true);
  }

  static boolean inPackage(JavaClass c, String root) {
    String p = c.getPackageName();
    return p.equals(root) || p.startsWith(root + ".");
  }

  static String moduleOf(JavaClass c) {
    return moduleOf(c.getName());
  }

  static String moduleOf(String className) {
    for (Map.Entry<String, List<String>> m : MODULES.entrySet()) {
      for (String root : m.getValue()) {
        if (className.startsWith(root + ".")) {
          return m.getKey();
        }
      }
    }
    return null;
  }
}
