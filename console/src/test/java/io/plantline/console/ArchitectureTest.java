package io.plantline.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The console's domain is plain Java; adapters do not reach into the application wiring. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(new ImportOption.DoNotIncludeTests())
          .importPackages("io.plantline.console");

  @Test
  void shouldKeepTheDomainFreeOfFrameworksAndAdapters() {
    noClasses()
        .that()
        .resideInAPackage("io.plantline.console.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx..",
            "org.apache.kafka..",
            "io.micrometer..",
            "picocli..",
            "io.plantline.ingestion..",
            "io.plantline.console.adapter..",
            "io.plantline.console.app..")
        .check(CLASSES);
  }

  @Test
  void shouldKeepAdaptersOutOfTheApplicationWiring() {
    noClasses()
        .that()
        .resideInAPackage("io.plantline.console.adapter..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.plantline.console.app..")
        .check(CLASSES);
  }
}
