package dev.switchboard.app.console;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The steps every page test takes in the browser: log in as a fresh visitor, open a page. */
final class ConsolePages {
  private final Browser browser;
  private final ConsoleRig rig;

  ConsolePages(Browser browser, ConsoleRig rig) {
    this.browser = browser;
    this.rig = rig;
  }

  /** Logs in through the login page as a fresh visitor; waits until it has left it. */
  void logIn(String username, String password) {
    browser.forget(rig.url(""));
    browser.driver.get(rig.url("/console/index.html"));
    await().atMost(Duration.ofSeconds(20)).until(() -> !all("#login-submit").isEmpty());
    browser.driver.findElement(By.id("username")).sendKeys(username);
    browser.driver.findElement(By.id("password")).sendKeys(password);
    browser.driver.findElement(By.id("login-submit")).click();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !browser.driver.getCurrentUrl().contains("/console/index.html"));
  }

  /** Opens {@code page} and waits for it to say it is ready, else fails with what it shows. */
  void open(String page) {
    browser.driver.get(rig.url(page));
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> !all("body[data-ready=true]").isEmpty());
    } catch (ConditionTimeoutException notReady) {
      throw new AssertionError(
          page
              + " never got ready; it shows:\n"
              + browser.driver.findElement(By.tagName("body")).getText()
              + "\nits console:\n"
              + browser.consoleLog(),
          notReady);
    }
  }

  List<WebElement> all(String css) {
    return browser.driver.findElements(By.cssSelector(css));
  }
}
