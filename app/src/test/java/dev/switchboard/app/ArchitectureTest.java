package dev.switchboard.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of STYLE.md, held over every class of every module the app packages:
 * arrows point one way, {@code internal} stays inside its module, no layer packages and no grab-bag
 * names.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importEverything() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchboard");
  }

  @Test
  void everyModuleIsImported() {
    org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.switchboard.protocol"))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.switchboard.app"))
        .isTrue();
  }

  @Test
  void protocolDependsOnNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.protocol..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.client..",
            "dev.switchboard.hub..",
            "dev.switchboard.pbx..",
            "dev.switchboard.app..",
            "dev.switchboard.store..",
            "dev.switchboard.server..")
        .check(classes);
  }

  @Test
  void serverDependsOnNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.server..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.protocol..",
            "dev.switchboard.client..",
            "dev.switchboard.hub..",
            "dev.switchboard.pbx..",
            "dev.switchboard.app..",
            "dev.switchboard.store..")
        .check(classes);
  }

  @Test
  void protocolDoesNoIo() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.protocol..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.net.http..", "java.nio.file..", "java.sql..", "javax.sql..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.Socket")
        .check(classes);
  }

  @Test
  void hubAndPbxNeverSeeEachOther() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.hub..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.switchboard.pbx..", "dev.switchboard.app..")
        .allowEmptyShould(true)
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.pbx..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.switchboard.hub..", "dev.switchboard.app..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void clientSeesOnlyProtocol() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.client..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.hub..", "dev.switchboard.pbx..", "dev.switchboard.app..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void internalPackagesAreUsedOnlyInsideTheirModule() {
    for (String module : new String[] {"protocol", "client", "hub", "pbx", "store", "server"}) {
      String root = "dev.switchboard." + module;
      classes()
          .that()
          .resideInAPackage(root + "..internal..")
          .should()
          .onlyBeAccessed()
          .byClassesThat()
          .resideInAPackage(root + "..")
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void packagesAreByFeatureNotByLayer() {
    noClasses()
        .should()
        .resideInAnyPackage(
            "..controller..",
            "..controllers..",
            "..service..",
            "..services..",
            "..dao..",
            "..daos..",
            "..util..",
            "..utils..",
            "..helpers..")
        .check(classes);
  }

  @Test
  void noGrabBagClassNames() {
    noClasses()
        .should()
        .haveSimpleNameEndingWith("Manager")
        .orShould()
        .haveSimpleNameEndingWith("Helper")
        .orShould()
        .haveSimpleNameEndingWith("Util")
        .orShould()
        .haveSimpleNameEndingWith("Utils")
        .check(classes);
  }
}
