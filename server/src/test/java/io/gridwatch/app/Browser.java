package io.gridwatch.app;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven through its chromedriver. A test that needs it is skipped, saying why, only
 * when the browser is not installed; any other failure to start it fails the test.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    private final String base;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A browser with a window of the given size, pointed at the server on {@code httpPort}. */
    static Browser open(int httpPort, int width, int height) {
        ChromeOptions options = headless();
        options.addArguments("--window-size=" + width + "," + height, "--autoplay-policy=no-user-gesture-required");
        return start(options, httpPort);
    }

    /**
     * A phone: the page laid out at {@code width} CSS pixels (Chromium's own device emulation, since a headless window
     * cannot be narrower than about 500 px), with touch.
     */
    static Browser phone(int httpPort, int width, int height) {
        ChromeOptions options = headless();
        options.addArguments("--window-size=" + Math.max(width, 600) + "," + (height + 200));
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                Map.of("width", width, "height", height, "pixelRatio", 1.0, "touch", true)));
        return start(options, httpPort);
    }

    private static ChromeOptions headless() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: chromium and chromedriver are not installed at " + CHROMIUM + " and "
                        + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        // the page's console, so that a failing test can say what the page said
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return options;
    }

    private static Browser start(ChromeOptions options, int httpPort) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), "http://127.0.0.1:" + httpPort);
    }

    void get(String path) {
        driver.get(base + path);
    }

    /** Fills and sends the page's log-in form. */
    void logIn(String username, String password) {
        WebElement form = waitFor(Duration.ofSeconds(20), d -> {
            WebElement found = d.findElement(By.id("login"));
            return found.isDisplayed() ? found : null;
        });
        form.findElement(By.name("username")).sendKeys(username);
        form.findElement(By.name("password")).sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** {@code window.gridwatch.stats()[key]} once the page has set its hook, else null. */
    Object stat(String key) {
        return js("return window.gridwatch ? window.gridwatch.stats()[arguments[0]] : null", key);
    }

    <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).until(condition);
    }

    /** What the page wrote to its console since the last call (errors, warnings, logs). */
    List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
    }

    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
