package io.github.camelliveagent.component.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.UnknownMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one-pass reader of Messages replies gives what the tree reader gives (binding {@link Messages} through the
 * mapper) for every fixture it reads, and declines (null) every shape it leaves to the tree reader.
 */
class MessagesReaderTest {

    private final MessagesReader reader = new MessagesReader(LiveAgentJson.mapper());

    private static Messages byTree(byte[] json) throws IOException {
        return LiveAgentJson.mapper().readValue(json, Messages.class);
    }

    private Messages read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyMessagesFixtureReadsInOnePassAsTheTreeReaderReadsIt() throws IOException {
        List<String> fixtures = Fixtures.list("messages");
        List<String> declined = new ArrayList<>();
        for (String name : fixtures) {
            byte[] json = Fixtures.bytes("messages/" + name);
            Messages streamed = reader.read(json);
            if (streamed == null) {
                declined.add(name);
            } else {
                assertThat(streamed).as(name).isEqualTo(byTree(json));
            }
        }
        System.out.println("messages fixtures: " + fixtures.size() + ", declined by the one-pass reader: " + declined);
        assertThat(fixtures).hasSizeGreaterThan(20);
        assertThat(declined).isEmpty();
    }

    @Test
    void lenientFixturesReadTheSameWhenReadInOnePass() throws IOException {
        int read = 0;
        for (String name : Fixtures.list("lenient")) {
            byte[] json = Fixtures.bytes("lenient/" + name);
            Messages streamed = reader.read(json);
            if (streamed != null) {
                read++;
                assertThat(streamed).as(name).isEqualTo(byTree(json));
            }
            assertThat(LiveAgentJson.readMessages(json)).as(name).isEqualTo(byTree(json));
        }
        System.out.println("lenient fixtures read in one pass: " + read);
        assertThat(read).isPositive();
    }

    @Test
    void unknownTypeKeepsItsMessageAsCompactJson() {
        Messages m = read("{\"messages\":[{\"type\":\"Mystery\",\"message\":{ \"a\" : [1, 2.5, \"x\"] }}],\"sequence\":2}");
        assertThat(m.messages()).containsExactly(new UnknownMessage("Mystery", "{\"a\":[1,2.5,\"x\"]}"));
        assertThat(m.sequence()).isEqualTo(2);
    }

    @Test
    void typeAfterMessageAndUnknownFieldsAreRead() {
        Messages m = read("{\"x\":{\"y\":[1]},\"messages\":[{\"message\":{\"text\":\"hi\",\"name\":\"A\",\"z\":1},"
                + "\"id\":7,\"type\":\"ChatMessage\"}],\"offset\":99,\"sequence\":3}");
        assertThat(m).isEqualTo(new Messages(List.of(new ChatMessage("A", "hi", null, null)), 3, 99));
    }

    @Test
    void declinesEveryShapeItLeavesToTheTreeReader() {
        List<String> odd = List.of(
                "", "[1]", "{\"sequence\":\"7\"}", "{\"sequence\":7.5}", "{\"offset\":true}",
                "{\"sequence\":1,\"sequence\":2}", "{\"messages\":{}}", "{\"messages\":[null]}",
                "{\"messages\":[\"ChatMessage\"]}", "{\"messages\":[{\"type\":\"AgentDisconnect\"}]}",
                "{\"messages\":[{\"type\":\"AgentDisconnect\",\"message\":null}]}",
                "{\"messages\":[{\"type\":\"\",\"message\":{}}]}",
                "{\"messages\":[{\"type\":1,\"message\":{}}]}",
                "{\"messages\":[{\"type\":\"A\",\"type\":\"B\",\"message\":{}}]}",
                "{\"messages\":[{\"type\":\"ChatMessage\",\"message\":\"hello\"}]}",
                "{\"messages\":[{\"type\":\"ChatRequestSuccess\",\"message\":{\"queuePosition\":\"x\"}}]}",
                "{\"messages\":[{\"type\":\"ChatMessage\",\"message\":{\"text\":\"a\"}}], sequence: 5}",
                "{\"messages\":[]");
        List<String> read = odd.stream().filter(s -> read(s) != null).toList();
        System.out.println(odd.size() + " odd shapes, read in one pass: " + read);
        assertThat(read).isEmpty();
    }
}
