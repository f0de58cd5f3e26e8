package io.github.camelliveagent.component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps that churn through many chats, shared by the tests that check what ended chats leave behind. */
final class Churn {

    private Churn() {
    }

    /**
     * Starts {@code count} chats while the button is unavailable, so that each is answered ChatRequestFail and ends at
     * once, {@code batch} chats at a time; returns their session ids.
     */
    static List<String> startRefusedChats(CamelContext context, LiveAgentEmulator emulator, int count, int batch) {
        emulator.setAvailable(LiveAgentTestSupport.BUTTON_ID, false);
        List<String> ids = new ArrayList<>(count);
        try (ProducerTemplate template = context.createProducerTemplate()) {
            for (int done = 0; done < count; done += batch) {
                List<CompletableFuture<Exchange>> starts = new ArrayList<>();
                for (int i = done; i < Math.min(count, done + batch); i++) {
                    starts.add(template.asyncSend("liveagent:startChat", e -> {
                    }));
                }
                for (CompletableFuture<Exchange> f : starts) {
                    Exchange e = f.join();
                    assertThat(e.getException()).as("startChat of a refused chat").isNull();
                    ids.add(e.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            emulator.setAvailable(LiveAgentTestSupport.BUTTON_ID, true);
        }
        return ids;
    }
}
