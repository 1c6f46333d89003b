package io.plantline.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Contracts are read by every module, so they carry no framework and keep Jackson inside. */
class ArchitectureTest {

  private static final JavaClasses CONTRACTS =
      new ClassFileImporter()
          .withImportOption(new ImportOption.DoNotIncludeTests())
          .importPackages("io.plantline.contracts");

  @Test
  void shouldNotDependOnAnyFrameworkOrDriver() {
    noClasses()
        .that()
        .resideInAPackage("io.plantline.contracts..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx..",
            "org.apache.kafka..",
            "org.apache.flink..",
            "com.datastax..",
            "org.apache.cassandra..",
            "com.ghgande..")
        .because("contracts are shared by every module and must stay framework-free")
        .check(CONTRACTS);
  }

  @Test
  void shouldKeepJacksonInsideTheCodecPackage() {
    noClasses()
        .that()
        .resideInAPackage("io.plantline.contracts..")
        .and()
        .resideOutsideOfPackage("io.plantline.contracts.codec")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.fasterxml.jackson..")
        .because("records are plain Java; only the codecs know the JSON library")
        .check(CONTRACTS);
  }
}
