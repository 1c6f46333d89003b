package io.plantline.stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules and the alarm logic are plain Java: no Flink, Kafka or Jackson in the domain. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(new ImportOption.DoNotIncludeTests())
          .importPackages("io.plantline.stream");

  @Test
  void shouldKeepTheDomainFreeOfFrameworks() {
    noClasses()
        .that()
        .resideInAPackage("io.plantline.stream.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.flink..", "org.apache.kafka..", "com.fasterxml.jackson..")
        .check(CLASSES);
  }

  @Test
  void shouldKeepKafkaOutOfTheOperators() {
    noClasses()
        .that()
        .resideInAPackage("io.plantline.stream.job..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "org.apache.flink.connector.kafka..")
        .check(CLASSES);
  }

  @Test
  void shouldRunTheBacktestOnTheJobsPureCodeWithoutFlink() {
    noClasses()
        .that()
        .resideInAPackage("io.plantline.stream.backtest..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.flink..", "io.plantline.stream.job..")
        .check(CLASSES);
  }
}
