package io.plantline.quality;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The SPC domain is plain Java (and Commons Math): no framework, driver or adapter in it. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(new ImportOption.DoNotIncludeTests())
          .importPackages("io.plantline.quality");

  @Test
  void shouldKeepTheDomainFreeOfFrameworksAndAdapters() {
    noClasses()
        .that()
        .resideInAPackage("io.plantline.quality.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx..",
            "org.apache.kafka..",
            "com.datastax..",
            "com.fasterxml..",
            "picocli..",
            "io.plantline.quality.adapter..",
            "io.plantline.quality.app..")
        .check(CLASSES);
  }
}
