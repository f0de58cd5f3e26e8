package io.github.camelliveagent.component;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Option {@code api}: an operation the chosen API lacks, or an Enhanced Chat endpoint missing what it needs, fails when
 * the route starts, naming the API, the option and the alternative. No server is involved.
 */
class ApiOptionTest {

    private static final String ENHANCED = "api=enhancedChat&hostname=https://acme.my.salesforce-scrt.com"
                                           + "&organizationId=00D000000000001&esDeveloperName=Acme_Web";

    /** Starts a context with one route to this endpoint and returns why it did not start (null when it did). */
    private static Throwable startFailure(String uri) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addComponent("liveagent", new LiveAgentComponent());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to(uri);
            }
        });
        try {
            context.start();
            return null;
        } catch (Exception e) {
            Throwable t = e;
            while (t.getCause() != null && !(t instanceof IllegalArgumentException)) {
                t = t.getCause();
            }
            return t;
        } finally {
            context.stop();
        }
    }

    @Test
    void operationsEnhancedChatLacksFailAtStartUpNamingTheAlternative() throws Exception {
        List<String> lacking = List.of("sessionId", "chasitorInit", "chasitorSneakPeek", "customEvent", "multiNoun",
                "deleteSession", "availability", "settings", "visitorId", "breadcrumb", "fileUpload");
        for (String op : lacking) {
            Throwable failure = startFailure("liveagent:" + op + "?" + ENHANCED);
            assertThat(failure).as(op).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Operation " + op + " does not exist in Enhanced Chat")
                    .hasMessageContaining("api=enhancedChat").hasMessageContaining("instead use:");
        }
        assertThat(startFailure("liveagent:fileUpload?" + ENHANCED)).hasMessageContaining("sendFile");
        assertThat(startFailure("liveagent:deleteSession?" + ENHANCED)).hasMessageContaining("chatEnd");
        System.out.println("operations refused at start-up with api=enhancedChat: " + lacking.size());
    }

    @Test
    void operationsOnlyEnhancedChatHasFailOnLiveAgent() throws Exception {
        for (String op : List.of("endSession", "sendFile", "acknowledgeDelivery", "acknowledgeRead")) {
            assertThat(startFailure("liveagent:" + op + "?hostname=https://d.la1-c1-xyz.salesforceliveagent.com"))
                    .as(op).hasMessageContaining("Operation " + op + " does not exist in Live Agent")
                    .hasMessageContaining("api=liveAgent");
        }
    }

    @Test
    void operationsBothHaveStart() throws Exception {
        for (String op : List.of("startChat", "chatMessage", "chasitorTyping", "chasitorNotTyping", "chatEnd", "endSession",
                "sendFile", "acknowledgeDelivery", "acknowledgeRead")) {
            assertThat(startFailure("liveagent:" + op + "?" + ENHANCED)).as(op).isNull();
        }
    }

    @Test
    void anEnhancedChatEndpointNeedsItsDeploymentName() throws Exception {
        assertThat(startFailure("liveagent:startChat?api=enhancedChat&hostname=https://acme.my.salesforce-scrt.com"
                                + "&organizationId=00D000000000001"))
                .hasMessageContaining("esDeveloperName is required");
        assertThat(startFailure("liveagent:startChat?api=enhancedChat&hostname=http://acme.example.com"
                                + "&organizationId=00D000000000001&esDeveloperName=Acme_Web"))
                .hasMessageContaining("allowInsecureHttp");
        assertThat(startFailure("liveagent:startChat?api=enhancedChat&hostname=https://acme.my.salesforce-scrt.com"
                                + "&organizationId=00X000000000001&esDeveloperName=Acme_Web"))
                .hasMessageContaining("organizationId");
    }

    @Test
    void anUnknownApiIsRefusedNamingTheValidOnes() {
        assertThatThrownBy(() -> {
            Throwable t = startFailure("liveagent:startChat?api=miaw");
            if (t != null) {
                throw t;
            }
        }).hasMessageContaining("miaw");
    }
}
