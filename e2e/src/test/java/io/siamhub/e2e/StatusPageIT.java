package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.HubService;

/**
 * The ops room's status page in Debian's headless Chromium (driven through Debian's chromedriver): it asks for a
 * viewer token once, shows an at-risk incident with its countdown, and updates without a reload when the incident is
 * acknowledged. Screenshots go to {@code e2e/target/status-page-*.png}.
 */
@ExtendWith(Hub.class)
class StatusPageIT {

    @Test
    void theStatusPageShowsAnAtRiskIncidentAndUpdatesWithoutReloadWhenItIsAcknowledged() throws IOException {
        String service = Catalog.unique("svc-wall");
        Catalog.service(service, "MEDIUM");
        // a response target of 10 minutes around the clock with a warning at 1 %: at risk after 6 seconds
        SlaApi.putDefinition("e2e-" + service, "{\"name\":\"Wall-screen response\",\"type\":\"SLA\",\"party\":\"integrator\","
                + "\"metric\":\"RESPONSE\",\"appliesTo\":{\"services\":[\"" + service + "\"]},\"target\":\"PT10M\",\"calendar\":\"always\","
                + "\"stages\":[1]}");
        String incident = SlaApi.openIncident("checkout slow for " + service, service, "MEDIUM", "LOW");
        SlaApi.awaitClocks(incident, clocks -> clocks.stream()
                .anyMatch(clock -> clock.path("definitionId").asText().equals("e2e-" + service) && clock.path("stage").asInt() == 1));

        WebDriver browser = chromium();
        try {
            browser.get(Hub.url(HubService.SLA_MONITOR) + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
            token.sendKeys(DevJwt.token(Hub.stack().jwtPrivateKey(), "wall-screen", List.of("siam-viewer"), Duration.ofHours(1)));
            browser.findElement(By.cssSelector("#login button")).click();

            By row = By.cssSelector("#at-risk tr[data-incident='" + incident + "']");
            WebElement atRisk = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
            assertThat(atRisk.getText()).contains("Wall-screen response").contains("1 %");
            WebElement tile = browser.findElement(By.cssSelector(".tile[data-service='" + service + "']"));
            assertThat(tile.getText()).contains("AT RISK");
            String countdown = atRisk.findElement(By.cssSelector(".countdown")).getText();
            assertThat(countdown).matches("\\d{2}:\\d{2}:\\d{2}");
            screenshot(browser, "status-page-at-risk.png");

            ((JavascriptExecutor) browser).executeScript("window.__sameDocument = 'yes';");
            SlaApi.act(incident, "acknowledge");

            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.invisibilityOfElementLocated(row));
            assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument;")).as("no reload").isEqualTo("yes");
            assertThat(browser.findElement(By.cssSelector(".tile[data-service='" + service + "']")).getText()).contains("OK");
            assertThat(browser.findElement(By.id("connection")).getText()).contains("live");
            assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('siam-sla-token') !== null;"))
                    .as("the token is kept in the tab's session storage").isEqualTo(true);
            screenshot(browser, "status-page-acknowledged.png");
        } finally {
            browser.quit();
        }
    }

    static WebDriver chromium() throws IOException {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            throw new IllegalStateException("/usr/bin/chromium or /usr/bin/chromedriver is missing: apt-get install chromium chromium-driver"
                    + " (.ci/run does)");
        }
        Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1920,1080", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toFile()).build();
        return new ChromeDriver(service, options);
    }

    static void screenshot(WebDriver browser, String name) throws IOException {
        Path file = Path.of("target", name).toAbsolutePath();
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        System.out.println("status page screenshot: " + file);
    }
}
