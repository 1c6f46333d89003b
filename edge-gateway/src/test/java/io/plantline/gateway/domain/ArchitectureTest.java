package io.plantline.gateway.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain is pure logic: it must run and be tested without any framework or driver. */
class ArchitectureTest {

  private static final JavaClasses DOMAIN =
      new ClassFileImporter()
          .withImportOption(new ImportOption.DoNotIncludeTests())
          .importPackages("io.plantline.gateway.domain");

  @Test
  void shouldNotDependOnVertxKafkaJ2modOrJackson() {
    noClasses()
        .that()
        .resideInAPackage("io.plantline.gateway.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..", "org.apache.kafka..", "com.ghgande..", "com.fasterxml..")
        .because("the domain is pure logic; adapters and app wire the frameworks")
        .check(DOMAIN);
  }

  @Test
  void shouldOnlyDependOnTheJdkRegisterMapsAndContracts() {
    classes()
        .that()
        .resideInAPackage("io.plantline.gateway.domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "io.plantline.registermap..",
            "io.plantline.contracts..",
            "io.plantline.gateway.domain..")
        .because("the domain imports java.*, the register-map format and the contracts only")
        .check(DOMAIN);
  }
}
