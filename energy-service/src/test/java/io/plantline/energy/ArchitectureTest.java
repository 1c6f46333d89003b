package io.plantline.energy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The energy domain is plain Java: no Vert.x, Kafka, Cassandra driver or adapters in it. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(new ImportOption.DoNotIncludeTests())
          .importPackages("io.plantline.energy");

  @Test
  void shouldKeepTheDomainFreeOfFrameworksAndAdapters() {
    noClasses()
        .that()
        .resideInAPackage("io.plantline.energy.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx..",
            "org.apache.kafka..",
            "com.datastax..",
            "io.micrometer..",
            "picocli..",
            "io.plantline.energy.adapter..",
            "io.plantline.energy.app..")
        .check(CLASSES);
  }
}
