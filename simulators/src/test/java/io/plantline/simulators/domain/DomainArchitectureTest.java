package io.plantline.simulators.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The device physics is plain Java, so it can be tested and reused without any framework. */
class DomainArchitectureTest {

  private static final JavaClasses DOMAIN =
      new ClassFileImporter()
          .withImportOption(new ImportOption.DoNotIncludeTests())
          .importPackages("io.plantline.simulators.domain");

  @Test
  void shouldDependOnlyOnJavaClasses() {
    classes()
        .that()
        .resideInAPackage("io.plantline.simulators.domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.plantline.simulators.domain..")
        .because("the domain imports only java.* (no Vert.x, Jackson, Kafka or j2mod)")
        .check(DOMAIN);
  }
}
