package io.plantline.registermap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The map format is shared by simulators and gateway, so it carries no framework or driver. */
class ArchitectureTest {

  private static final JavaClasses REGISTER_MAPS =
      new ClassFileImporter()
          .withImportOption(new ImportOption.DoNotIncludeTests())
          .importPackages("io.plantline.registermap");

  @Test
  void shouldNotDependOnAnyFrameworkOrModbusDriver() {
    noClasses()
        .that()
        .resideInAPackage("io.plantline.registermap..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx..", "org.apache.kafka..", "org.apache.flink..", "com.ghgande..")
        .because("the register-map format is a plain artifact shared by simulators and gateway")
        .check(REGISTER_MAPS);
  }

  @Test
  void shouldKeepYamlParsingInsideTheReaderClasses() {
    noClasses()
        .that()
        .resideInAPackage("io.plantline.registermap..")
        .and()
        .doNotHaveSimpleName("YamlTree")
        .and()
        .doNotHaveSimpleName("YamlMapping")
        .and()
        .doNotHaveSimpleName("MapReader")
        .and()
        .doNotHaveSimpleName("PointReader")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml.jackson..", "org.yaml..")
        .because("records and codecs are plain Java; only the readers know the YAML library")
        .check(REGISTER_MAPS);
  }
}
