package io.mooring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The allowed dependencies between packages (docs/ARCHITECTURE.md, "Allowed dependencies"), checked
 * on the compiled classes, so a new import of one feature from another, or a new package cycle,
 * fails the build. Layers, lowest first:
 * <ul>
 *   <li>{@code platform.*} depends on no feature (only on itself);</li>
 *   <li>{@code relations} (who stands in which relation to whom) and {@code people} depend on platform;</li>
 *   <li>each feature ({@code supervision}, {@code checkins}, {@code circles}, {@code disclosure},
 *       {@code notifications}) depends on
 *       platform, people, relations and itself, never on another feature;</li>
 *   <li>{@code io.mooring} itself (Main, Mooring, Services, Routes) and {@code demo} may depend on
 *       everything, and nothing else depends on them.</li>
 * </ul>
 * {@link #KNOWN_EXCEPTIONS} listed the feature-to-feature dependencies that existed when this test was
 * written (issue 16); all are paid off. It may only shrink: an entry that no longer occurs fails
 * {@link #everyKnownExceptionStillOccurs()}. A feature that needs another asks through an interface
 * in {@code relations} (DriftSummaries, ProfileDisclosure), implemented by the feature and wired in Services.
 */
class ArchitectureTest {
  private static final Set<String> FEATURES = Set.of("supervision", "checkins", "circles", "disclosure", "notifications");
  private static final Map<String, Set<String>> BELOW = Map.of(
      "platform", Set.of("platform"),
      "relations", Set.of("platform", "relations"),
      "people", Set.of("platform", "people"));

  /** A class (top-level name) that may use another feature's class, and why it still does. */
  record Allowed(String origin, String target, String why) {}

  /** Empty since issue 16 moved ProfileDisclosure into relations; keep it so (it may only shrink). */
  static final List<Allowed> KNOWN_EXCEPTIONS = List.of();

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.mooring");
  }

  @Test
  void everyDependencyFollowsTheLayers() {
    Set<String> violations = new TreeSet<>();
    for (JavaClass c : classes) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String origin = topLevel(d.getOriginClass());
        String target = topLevel(d.getTargetClass());
        if (target.startsWith("io.mooring.")) {
          if (!allowed(module(origin), module(target)) && !known(origin, target)) {
            violations.add(origin + " -> " + target);
          }
        }
      }
    }
    assertEquals(Set.of(), violations, "dependencies the layers forbid (docs/ARCHITECTURE.md, Allowed dependencies)");
  }

  @Test
  void featuresAreFreeOfCycles() {
    SliceRule rule = SlicesRuleDefinition.slices().matching("io.mooring.(*)..").should().beFreeOfCycles();
    for (Allowed e : KNOWN_EXCEPTIONS) {
      rule = rule.ignoreDependency(e.origin() + "*", e.target() + "*");
    }
    rule.check(classes);
  }

  @Test
  void everyKnownExceptionStillOccurs() {
    Set<String> stale = new TreeSet<>();
    for (Allowed e : KNOWN_EXCEPTIONS) {
      boolean occurs = classes.stream().anyMatch(c -> topLevel(c).equals(e.origin())
          && c.getDirectDependenciesFromSelf().stream().anyMatch(d -> topLevel(d.getTargetClass()).equals(e.target())));
      if (!occurs) {
        stale.add(e.origin() + " -> " + e.target());
      }
    }
    assertEquals(Set.of(), stale, "paid-off exceptions: delete them from KNOWN_EXCEPTIONS");
  }

  private static boolean allowed(String from, String to) {
    if (from.equals(to) || from.equals("wiring") || from.equals("demo")) {
      return true;
    }
    if (BELOW.containsKey(from)) {
      return BELOW.get(from).contains(to);
    }
    // A feature: the layers below, and itself (handled above).
    return Set.of("platform", "people", "relations").contains(to);
  }

  private static boolean known(String origin, String target) {
    return KNOWN_EXCEPTIONS.stream().anyMatch(e -> e.origin().equals(origin) && e.target().equals(target));
  }

  /** The layer a class belongs to: wiring, demo, platform, people, relations, or its feature's name. */
  static String module(String className) {
    if (isWiring(className)) {
      return "wiring";
    }
    String rest = className.substring("io.mooring.".length());
    String first = rest.substring(0, rest.indexOf('.'));
    if (FEATURES.contains(first) || BELOW.containsKey(first) || first.equals("demo")) {
      return first;
    }
    throw new IllegalStateException("package of " + className + " has no place in ArchitectureTest: add it to the layers");
  }

  private static boolean isWiring(String className) {
    return className.startsWith("io.mooring.") && className.indexOf('.', "io.mooring.".length()) < 0;
  }

  private static String topLevel(JavaClass c) {
    JavaClass base = c.isArray() ? c.getBaseComponentType() : c;
    String name = base.getName();
    int nested = name.indexOf('$');
    return nested < 0 ? name : name.substring(0, nested);
  }
}
