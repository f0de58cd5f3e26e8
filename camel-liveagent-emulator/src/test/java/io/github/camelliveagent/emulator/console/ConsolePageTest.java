package io.github.camelliveagent.emulator.console;

import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent console's files over plain HTTP: served from the jar, with headers that keep other sites out. */
class ConsolePageTest extends EmulatorTestBase {

    @Test
    void thePageAndItsFilesAreServedWithAStrictContentSecurityPolicy() {
        Reply page = client.get("/emulator/console");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'; frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).contains("agent console").contains("/emulator/console/console.js");

        Reply script = client.get("/emulator/console/console.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("const API = '/emulator';");

        Reply css = client.get("/emulator/console/console.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void onlyGetAndHeadAreAllowedAndOtherPathsAreNotThePage() {
        Reply post = client.send("POST", "/emulator/console", "{}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(client.get("/emulator/console/other.js").status()).isEqualTo(404);
    }

    @Test
    void theSessionListCarriesTheQueuePositionTheVisitorWasLastTold() {
        Visitor v = queuedVisitor();
        assertThat(client.get("/emulator/sessions/" + v.id).json().path("queuePosition").asInt()).isEqualTo(1);
        emu.session(v.id).queueUpdate(3);
        assertThat(client.get("/emulator/sessions/" + v.id).json().path("queuePosition").asInt()).isEqualTo(3);
        emu.session(v.id).accept("Ann");
        assertThat(client.get("/emulator/sessions/" + v.id).json().path("queuePosition").isNull()).isTrue();
    }
}
