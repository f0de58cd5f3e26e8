package io.github.camelliveagent.benchmarks.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import io.github.camelliveagent.component.client.ChatServer;
import io.github.camelliveagent.component.client.LiveAgentRequest;
import io.github.camelliveagent.component.model.LiveAgentJson;
import io.github.camelliveagent.component.model.Messages;
import io.github.camelliveagent.component.model.request.ChatMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The component's per-message hot paths: reading a System/Messages payload into typed messages, and building a
 * visitor POST (JSON body and the request record).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmarks {

    /** A realistic poll reply: six events of six types (the component's test fixture). */
    byte[] realisticPayload;
    /** A reply of one ChatMessage, the common case under load. */
    byte[] oneChatMessage;
    ChatServer server;
    String text;
    long sequence;

    @Setup
    public void setup() throws IOException {
        try (InputStream in = HotPathBenchmarks.class.getResourceAsStream("/realistic-payload.json")) {
            realisticPayload = in.readAllBytes();
        }
        oneChatMessage = ("{\"messages\":[{\"type\":\"ChatMessage\",\"message\":{\"text\":\"t=1764058000000000\","
                          + "\"name\":\"Load Agent\",\"agentId\":\"005000000000001\"}}],\"sequence\":7,\"offset\":1636522046}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        server = ChatServer.of("http://127.0.0.1:8080", "52", false);
        text = "Hello, I would like to change the delivery address of my order 12345, please.";
    }

    @Benchmark
    public Messages readMessagesRealistic() {
        return LiveAgentJson.readMessages(realisticPayload);
    }

    @Benchmark
    public Messages readMessagesOneChatMessage() {
        return LiveAgentJson.readMessages(oneChatMessage);
    }

    /** The reader before issue 12, for comparison: the whole reply as a JSON tree, then bound from the tree. */
    @Benchmark
    public Messages readMessagesOneChatMessageTreeThenBind() throws IOException {
        return LiveAgentJson.mapper().treeToValue(LiveAgentJson.mapper().readTree(oneChatMessage), Messages.class);
    }

    /** The reader before issue 12 on the six-event payload. */
    @Benchmark
    public Messages readMessagesRealisticTreeThenBind() throws IOException {
        return LiveAgentJson.mapper().treeToValue(LiveAgentJson.mapper().readTree(realisticPayload), Messages.class);
    }

    @Benchmark
    public LiveAgentRequest buildChatMessagePost() {
        byte[] body = LiveAgentJson.write(new ChatMessage(text));
        return new LiveAgentRequest("POST", server, "Chasitor/ChatMessage", null, "a1b2c3d4",
                "0c8e3f1a-1111-2222-3333-444455556666!1764058000000!c2VjcmV0a2V5", ++sequence, body, 30_000);
    }
}
