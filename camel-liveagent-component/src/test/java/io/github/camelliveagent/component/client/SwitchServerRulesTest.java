package io.github.camelliveagent.component.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a SwitchServer may move a session (and its key): the hostname rules, and trusted hosts only. */
class SwitchServerRulesTest {

    private static final ChatServer SALESFORCE = ChatServer.of("https://d.la1-c1-fra.salesforceliveagent.com", "52", false);
    private static final ChatServer EMULATOR = ChatServer.of("http://127.0.0.1:8080", "52", false);

    @Test
    void salesforceChatHostsOverHttpsAreFollowed() {
        assertThat(SALESFORCE.switchTo("https://d.la2-c2-ukb.salesforceliveagent.com/chat").baseUri())
                .hasToString("https://d.la2-c2-ukb.salesforceliveagent.com");
        assertThat(SALESFORCE.switchTo("https://acme.my.salesforce-scrt.com/chat").baseUri())
                .hasToString("https://acme.my.salesforce-scrt.com");
        // a bare host means https, as for the hostname option
        assertThat(SALESFORCE.switchTo("d.la4-c2-phx.salesforceliveagent.com").baseUri())
                .hasToString("https://d.la4-c2-phx.salesforceliveagent.com");
        // the rules travel with the session: a second switch is checked against the configured host still
        ChatServer moved = SALESFORCE.switchTo("https://d.la2-c2-ukb.salesforceliveagent.com/chat");
        assertThatThrownBy(() -> moved.switchTo("https://chat.attacker.test/chat")).hasMessageContaining("refused");
    }

    @Test
    void otherHostsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SALESFORCE.switchTo("https://chat.attacker.test/chat"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'https://chat.attacker.test/chat' refused")
                .hasMessageContaining("chat.attacker.test is not a Salesforce chat host")
                .hasMessageContaining("allowedSwitchHosts");
        // look-alikes are not sub-domains
        assertThatThrownBy(() -> SALESFORCE.switchTo("https://evilsalesforceliveagent.com/chat")).hasMessageContaining("refused");
        assertThatThrownBy(() -> SALESFORCE.switchTo("https://salesforceliveagent.com.attacker.test/chat"))
                .hasMessageContaining("refused");
        assertThatThrownBy(() -> SALESFORCE.switchTo("ftp://d.la2.salesforceliveagent.com/chat")).hasMessageContaining("http(s)");
    }

    @Test
    void plainHttpFollowsTheHostnameRules() {
        assertThatThrownBy(() -> SALESFORCE.switchTo("http://d.la2-c2-ukb.salesforceliveagent.com/chat"))
                .hasMessageContaining("leave https for plain http");
        // from a loopback http base (an emulator) plain http to a real host is not followed either
        assertThatThrownBy(() -> EMULATOR.switchTo("http://d.la2-c2-ukb.salesforceliveagent.com/chat"))
                .hasMessageContaining("plain http to a host that is not a loopback address");
        assertThatThrownBy(() -> EMULATOR.switchTo("http://chat.attacker.test/chat")).hasMessageContaining("plain http");
        // but https to Salesforce is
        assertThat(EMULATOR.switchTo("https://d.la2-c2-ukb.salesforceliveagent.com/chat").baseUri().getScheme())
                .isEqualTo("https");
    }

    @Test
    void loopbackOnlyWhenTheConfiguredHostnameIsLoopback() {
        assertThat(EMULATOR.switchTo("http://localhost:9090/chat").baseUri()).hasToString("http://localhost:9090");
        assertThat(EMULATOR.switchTo("http://[::1]:9090/chat").baseUri()).hasToString("http://[::1]:9090");
        assertThatThrownBy(() -> SALESFORCE.switchTo("https://127.0.0.1:9090/chat"))
                .hasMessageContaining("127.0.0.1 is not a Salesforce chat host");
    }

    @Test
    void allowedSwitchHostsAddHostsAndSubDomains() {
        ChatServer server = ChatServer.of("https://chat.example.com", "52", false, " chat2.example.com ,*.partner.test");
        assertThat(server.switchTo("https://chat2.example.com/chat").baseUri().getHost()).isEqualTo("chat2.example.com");
        assertThat(server.switchTo("https://eu.partner.test/chat").baseUri().getHost()).isEqualTo("eu.partner.test");
        assertThat(server.switchTo("https://chat.example.com:8443/chat").baseUri().getPort()).isEqualTo(8443);
        assertThatThrownBy(() -> server.switchTo("https://partner.test/chat")).hasMessageContaining("refused");
        assertThatThrownBy(() -> server.switchTo("https://chat3.example.com/chat")).hasMessageContaining("refused");
        assertThatThrownBy(() -> ChatServer.of("https://chat.example.com", "52", false, "ok.test, http://bad.test"))
                .hasMessageContaining("Option allowedSwitchHosts").hasMessageContaining("'http://bad.test'");
    }

    @Test
    void aStoredServerIsCheckedLikeASwitch() {
        assertThat(SALESFORCE.resume("https://d.la2-c2-ukb.salesforceliveagent.com", "47").apiVersion()).isEqualTo("47");
        assertThatThrownBy(() -> EMULATOR.resume("http://chat.attacker.test", "52")).hasMessageContaining("refused");
        assertThat(ChatServer.resumeWithoutHostname("https://d.la2-c2-ukb.salesforceliveagent.com", "52", false, null)
                .baseUri().getHost()).isEqualTo("d.la2-c2-ukb.salesforceliveagent.com");
        assertThatThrownBy(() -> ChatServer.resumeWithoutHostname("http://127.0.0.1:8080", "52", false, null))
                .hasMessageContaining("refused");
    }
}
