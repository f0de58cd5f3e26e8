package io.github.camelliveagent.emulator.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.Visitor;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent console in a real headless Chromium: a visitor chat started over the Chat REST API is accepted and
 * answered from the page, and the visitor's own Messages poll sees the agent typing and the answer.
 * Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian's chromium and chromium-driver; the
 * module's build installs them when missing).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleBrowserTest extends EmulatorTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private WebDriver browser;

    @BeforeAll
    void startBrowser() {
        String driver = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        String chromium = System.getProperty("chromium.path", "/usr/bin/chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium)
                // root in a container: no sandbox; no GPU, no /dev/shm assumptions
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1280,860", "--no-first-run", "--disable-extensions");
        // an explicit driver: Selenium Manager never looks for (or downloads) one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aQueuedChatIsAcceptedAndAnsweredFromThePageAndTheVisitorSeesTheAnswer() throws IOException {
        Visitor visitor = queuedVisitor();
        List<JsonNode> seen = new ArrayList<>();

        browser.get(emu.controlUrl() + "/console");
        By row = By.cssSelector("tr[data-session-id='" + visitor.id + "']");
        onPage(() -> !browser.findElements(row).isEmpty()
                && browser.findElement(row).getText().contains("QUEUED"));
        assertThat(browser.findElement(row).findElement(By.className("queue-position")).getText()).isEqualTo("#1");
        assertThat(browser.findElement(row).getText()).contains("Vera");

        browser.findElement(row).click();
        onPage(() -> browser.findElement(By.id("accept")).isEnabled());
        browser.findElement(By.id("decline")).click();
        onPage(() -> emu.session(visitor.id).declines() == 1);
        assertThat(emu.session(visitor.id).state()).isEqualTo(SessionState.QUEUED);
        WebElement agentName = browser.findElement(By.id("agent-name"));
        agentName.clear();
        agentName.sendKeys("Ann");
        browser.findElement(By.id("accept")).click();

        onPage(() -> browser.findElement(By.id("chat-state")).getText().equals("ACTIVE"));
        pollUntil(visitor, seen, events -> has(events, "ChatEstablished"));
        assertThat(first(seen, "ChatEstablished").path("name").asText()).isEqualTo("Ann");

        // the agent starts typing: the visitor sees AgentTyping before any answer
        WebElement message = browser.findElement(By.id("message"));
        message.sendKeys("Hello Vera");
        pollUntil(visitor, seen, events -> has(events, "AgentTyping"));
        assertThat(has(seen, "ChatMessage")).isFalse();

        message.sendKeys(", how can I help?", Keys.ENTER);
        pollUntil(visitor, seen, events -> has(events, "ChatMessage") && has(events, "AgentNotTyping"));
        assertThat(first(seen, "ChatMessage").path("text").asText()).isEqualTo("Hello Vera, how can I help?");
        assertThat(first(seen, "ChatMessage").path("name").asText()).isEqualTo("Ann");
        assertThat(types(seen)).containsSubsequence("ChatEstablished", "AgentTyping", "ChatMessage", "AgentNotTyping");
        assertThat(emu.session(visitor.id).transcript().agentMessages()).containsExactly("Hello Vera, how can I help?");

        // the visitor types and answers: the page shows both as they happen
        assertThat(visitor.post("ChasitorTyping", "{}").status()).isEqualTo(200);
        onPage(() -> browser.findElement(By.id("visitor-typing")).isDisplayed());
        assertThat(visitor.message("my printer is on fire").status()).isEqualTo(200);
        onPage(() -> browser.findElements(By.cssSelector("#conversation li.visitor .text")).stream()
                .anyMatch(e -> e.getText().equals("my printer is on fire")));
        assertThat(browser.findElement(By.id("visitor-typing")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#conversation li.agent .text")))
                .extracting(WebElement::getText).containsExactly("Hello Vera, how can I help?");

        screenshot("console-chat.png");

        browser.findElement(By.id("end")).click();
        pollUntil(visitor, seen, events -> has(events, "ChatEnded"));
        assertThat(first(seen, "ChatEnded").path("reason").asText()).isEqualTo("agent");
        onPage(() -> browser.findElement(By.id("chat-state")).getText().equals("ENDED"));
        assertThat(browser.findElement(By.id("send")).isEnabled()).isFalse();
    }

    @Test
    void faultButtonsReachTheSession() {
        Visitor visitor = activeVisitor();
        browser.get(emu.controlUrl() + "/console");
        By row = By.cssSelector("tr[data-session-id='" + visitor.id + "']");
        onPage(() -> !browser.findElements(row).isEmpty());
        browser.findElement(row).click();
        onPage(() -> browser.findElement(By.id("fault-handover")).isEnabled());

        browser.findElement(By.id("fault-handover")).click();
        onPage(() -> browser.findElement(By.id("chat-state")).getText().equals("HANDOVER"));
        assertThat(visitor.poll(-1).status()).isEqualTo(503);

        browser.findElement(By.id("fault-expire")).click();
        onPage(() -> browser.findElement(By.id("chat-state")).getText().equals("GONE"));
        assertThat(visitor.poll(-1).status()).isEqualTo(403);
    }

    @Test
    void anActionRefusedInTheCurrentStateIsShownOnThePage() {
        Visitor visitor = activeVisitor();
        emu.session(visitor.id).endChat();
        browser.get(emu.controlUrl() + "/console");
        By row = By.cssSelector("tr[data-session-id='" + visitor.id + "']");
        onPage(() -> !browser.findElements(row).isEmpty());
        browser.findElement(row).click();
        onPage(() -> browser.findElement(By.id("chat-state")).getText().equals("ENDED"));
        assertThat(browser.findElement(By.id("transfer")).isEnabled()).isFalse();
        // the chat can end between the page's refresh and a click: what the control API answers is shown
        ((JavascriptExecutor) browser).executeScript("act('transfer', {agentName: 'Bob'});");
        onPage(() -> browser.findElement(By.id("error")).isDisplayed());
        assertThat(browser.findElement(By.id("error")).getText()).contains("409").contains("transfer");
    }

    /** Waits for a condition on the page; a time-out reports what the page showed. */
    private void onPage(Callable<Boolean> condition) {
        try {
            await().atMost(WAIT).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the page did not get there; it showed: status '" + text("status") + "', state '"
                    + text("chat-state") + "', error '" + text("error") + "', sessions:\n" + text("sessions"), e);
        }
    }

    private String text(String id) {
        List<WebElement> found = browser.findElements(By.id(id));
        return found.isEmpty() ? "(none)" : found.get(0).getText();
    }

    /** Polls the visitor's Messages stream (acknowledging as it goes) until the events seen so far satisfy {@code done}. */
    private static void pollUntil(Visitor visitor, List<JsonNode> seen, Predicate<List<JsonNode>> done) {
        await().atMost(WAIT).until(() -> {
            long ack = seen.isEmpty() ? -1 : seen.get(seen.size() - 1).path("index").asLong();
            Reply r = visitor.poll(ack);
            if (r.status() == 200) {
                JsonNode body = r.json();
                long first = body.path("sequence").asLong() - body.path("messages").size() + 1;
                for (JsonNode m : body.path("messages")) {
                    ((ObjectNode) m).put("index", first++);
                    seen.add(m);
                }
            }
            return done.test(seen);
        });
    }

    private static boolean has(List<JsonNode> events, String type) {
        return events.stream().anyMatch(e -> type.equals(e.path("type").asText()));
    }

    private static JsonNode first(List<JsonNode> events, String type) {
        return events.stream().filter(e -> type.equals(e.path("type").asText())).findFirst().orElseThrow().path("message");
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
