package dev.switchboard.app.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium from the system's packages, driven by the system's chromedriver: both paths
 * given, so Selenium never downloads a driver. A test class that has none of them is skipped,
 * saying which file is missing. Not thread-safe: one test class uses one browser.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

  final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Why the browser tests cannot run here (a file missing), or empty when they can. */
  static Optional<String> missing() {
    if (!Files.isExecutable(CHROMIUM)) {
      return Optional.of(
          CHROMIUM
              + " is missing: the browser tests need Debian's chromium (apt-get install chromium)");
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      return Optional.of(
          CHROMEDRIVER
              + " is missing: the browser tests need Debian's chromium-driver (apt-get install"
              + " chromium-driver)");
    }
    return Optional.empty();
  }

  /** Skips the calling test, saying why, when the browser tests cannot run here. */
  static void assumeAvailable() {
    Optional<String> missing = missing();
    if (missing.isPresent()) {
      System.out.println("browser test skipped: " + missing.get());
    }
    assumeTrue(missing.isEmpty(), () -> missing.orElseThrow());
  }

  /** Starts a browser at 1366x768 (check {@link #missing} first). */
  static Browser start() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--autoplay-policy=no-user-gesture-required",
        "--lang=vi-VN",
        "--window-size=1366,768");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    driver.manage().window().setSize(new Dimension(1366, 768));
    return new Browser(driver);
  }

  /**
   * Makes the browser a fresh visitor of {@code origin} (no cookie, nothing stored), from a file of
   * the origin that runs no script, so no page of the console is left running with a session taken
   * away under it.
   */
  void forget(String origin) {
    driver.get(origin + "/console/css/console.css");
    driver.manage().deleteAllCookies();
    driver.executeScript("localStorage.clear(); sessionStorage.clear();");
  }

  /** Writes a PNG of the window, at the given size. */
  void screenshot(Path file, int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  /** What the pages wrote to the console since the last call (errors included). */
  String consoleLog() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::toString)
        .collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
