package io.github.camelliveagent.component;

import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad options, headers and bodies are refused with an error that names what is wrong and what would be valid. */
class BadInputTest extends LiveAgentTestSupport {

    private Throwable failureOf(String uri) {
        Throwable t;
        try {
            t = template().request(uri, e -> e.getMessage().setBody("x")).getException();
        } catch (RuntimeException e) {
            t = e;
        }
        assertThat(t).as("expected %s to fail", uri).isNotNull();
        while (t.getCause() != null && !(t instanceof IllegalArgumentException) && !(t instanceof LiveAgentException)) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void proxyHostWithoutProxyPortIsRefusedNamingProxyPort() {
        assertThatThrownBy(() -> LiveAgentComponent.proxy("proxy.example.com", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Option proxyPort is required")
                .hasMessageContaining("proxy.example.com");
        assertThatThrownBy(() -> LiveAgentComponent.proxy(null, 3128)).hasMessageContaining("proxyHost");
        assertThatThrownBy(() -> LiveAgentComponent.proxy("proxy.example.com", 0)).hasMessageContaining("1 to 65535");
        assertThat(LiveAgentComponent.proxy(null, null)).isNull();
        assertThat(LiveAgentComponent.proxy("proxy.example.com", 3128).getPort()).isEqualTo(3128);
    }

    @Test
    void aComponentWithAProxyHostButNoPortDoesNotStart() {
        LiveAgentComponent liveagent = new LiveAgentComponent();
        pointAt(liveagent, EMULATOR.baseUrl());
        liveagent.setProxyHost("127.0.0.1");
        assertThatThrownBy(() -> startedContext(liveagent, new ReceivedEvents())).rootCause()
                .hasMessageContaining("Option proxyPort is required");
    }

    @Test
    void unknownOperationInUri() {
        assertThat(failureOf("liveagent:sendMessage")).hasMessageContaining("Unknown liveagent operation 'sendMessage'")
                .hasMessageContaining("chatMessage");
    }

    @Test
    void plainHttpToARemoteHostIsRefused() {
        assertThat(failureOf("liveagent:startChat?hostname=http://chat.example.com")).hasMessageContaining("hostname")
                .hasMessageContaining("allowInsecureHttp");
    }

    @Test
    void malformedHostname() {
        assertThat(failureOf("liveagent:startChat?hostname=ftp://x")).hasMessageContaining("hostname")
                .hasMessageContaining("https");
    }

    @Test
    void apiVersionMustBeAnInteger() {
        assertThat(failureOf("liveagent:startChat?apiVersion=latest")).hasMessageContaining("apiVersion")
                .hasMessageContaining("29 or later");
    }

    @Test
    void malformedOrganizationId() {
        assertThat(failureOf("liveagent:startChat?organizationId=acme")).hasMessageContaining("organizationId")
                .hasMessageContaining("00D");
    }

    @Test
    void unknownMessageTypeFilter() {
        assertThatThrownBy(() -> context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages?messageTypes=ChatMessage,ChatMesage").to("log:x");
            }
        })).rootCause().hasMessageContaining("messageTypes").hasMessageContaining("ChatMesage")
                .hasMessageContaining("ChatEstablished");
    }

    @Test
    void consumerOnAProducerOperation() {
        assertThatThrownBy(() -> context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:chatMessage").to("log:x");
            }
        })).rootCause().hasMessageContaining("liveagent:messages");
    }

    @Test
    void operationHeaderMustNameAnOperation() {
        Exchange out = template().request("liveagent:chatMessage", e -> e.getMessage().setHeader(LiveAgentConstants.OPERATION, "shout"));
        assertThat(out.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LiveAgentConstants.OPERATION).hasMessageContaining("shout").hasMessageContaining("chatEnd");
    }

    @Test
    void operationHeaderOverridesTheUri() {
        String id = startChat();
        received.await(id, ChatRequestSuccess.class);
        Exchange out = template().request("liveagent:chatMessage", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setHeader(LiveAgentConstants.OPERATION, "chatEnd");
        });
        assertThat(out.getException()).isNull();
        assertThat(serverSide(id).transcript().visitorPosts()).extracting(p -> p.type()).containsExactly("ChasitorInit", "ChatEnd");
    }

    @Test
    void missingSessionIdHeader() {
        assertThat(sendFailing("chatMessage", null, "hello")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LiveAgentConstants.SESSION_ID).hasMessageContaining("startChat");
    }

    @Test
    void unknownSessionId() {
        assertThat(sendFailing("chatMessage", "no-such-session", "hello")).isInstanceOf(LiveAgentException.class)
                .hasMessageContaining("no-such-session").hasMessageContaining("no such session");
    }

    @Test
    void emptyChatMessageBody() {
        String id = startChat();
        assertThat(sendFailing("chatMessage", id, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("body").hasMessageContaining("message text");
    }

    @Test
    void customEventNeedsItsType() {
        String id = startChat();
        assertThat(sendFailing("customEvent", id, "data")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LiveAgentConstants.CUSTOM_EVENT_TYPE);
    }

    @Test
    void chasitorInitBodyOfTheWrongShape() {
        Exchange out = template().request("liveagent:startChat", e -> e.getMessage().setBody("[1,2,3]"));
        assertThat(out.getException()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ChasitorInit");
    }

    @Test
    void aChasitorInitKeyThatIsNoFieldIsNamedWithTheValidOnes() {
        // a misspelt key used to be dropped silently: the visitor was then called "Ada" from the options
        int sessionsBefore = emulator().sessions().size();
        Exchange out = template().request("liveagent:startChat",
                e -> e.getMessage().setBody(java.util.Map.of("visitorname", "Grace")));
        System.out.println("startChat with {visitorname=Grace}: " + out.getException().getMessage());
        assertThat(out.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown field 'visitorname'").hasMessageContaining("valid fields are:")
                .hasMessageContaining("visitorName").hasMessageContaining("prechatDetails");
        assertThat(emulator().sessions()).as("no session was opened for a body that does not fit")
                .hasSize(sessionsBefore);

        Exchange json = template().request("liveagent:startChat",
                e -> e.getMessage().setBody("{\"prechatDetails\":[{\"lable\":\"Email\",\"value\":\"a@b.c\"}]}"));
        assertThat(json.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown field 'lable'").hasMessageContaining("label")
                .hasMessageContaining("prechatDetails[0]");
    }

    @Test
    void aMultiNounKeyThatIsNoFieldIsNamed() {
        String id = startChat();
        Exception e = sendFailing("multiNoun", id, java.util.Map.of("noun", java.util.List.of()));
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown field 'noun'")
                .hasMessageContaining("nouns");
    }

    @Test
    void aWellFormedChasitorInitMapStillStartsTheChat() {
        Exchange out = template().request("liveagent:startChat",
                e -> e.getMessage().setBody(java.util.Map.of("visitorName", "Grace")));
        assertThat(out.getException()).isNull();
        String id = out.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        assertThat(serverSide(id).visitorName()).isEqualTo("Grace");
    }
}
