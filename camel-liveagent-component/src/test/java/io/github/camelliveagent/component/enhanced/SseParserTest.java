package io.github.camelliveagent.component.enhanced;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.camelliveagent.component.enhanced.stream.SseFrame;
import io.github.camelliveagent.component.enhanced.stream.SseParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event stream framing (W3C EventSource rules), fed in chunks cut anywhere. */
class SseParserTest {

    private static final String STREAM = ": comment\n"
                                         + "id: 101\nevent: CONVERSATION_MESSAGE\ndata: {\"a\":\"é\"}\n\n"
                                         + "event: ping\r\ndata:\r\n\r\n"
                                         + "id:102\revent:CONVERSATION_QUEUE_POSITION\rdata: line1\rdata: line2\r\r"
                                         + "retry: 5000\ndata: no-event\n\n";

    @Test
    void framesWholeStream() {
        List<SseFrame> frames = new SseParser(1024).feed(ByteBuffer.wrap(STREAM.getBytes(StandardCharsets.UTF_8)));
        System.out.println("frames: " + frames.size());
        assertThat(frames).containsExactly(
                new SseFrame("101", "CONVERSATION_MESSAGE", "{\"a\":\"é\"}"),
                new SseFrame(null, "ping", ""),
                new SseFrame("102", "CONVERSATION_QUEUE_POSITION", "line1\nline2"),
                new SseFrame(null, "message", "no-event"));
    }

    @Test
    void sameFramesWhateverTheChunks() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        List<SseFrame> whole = new SseParser(1024).feed(ByteBuffer.wrap(bytes));
        for (int chunk = 1; chunk <= 7; chunk++) {
            SseParser parser = new SseParser(1024);
            List<SseFrame> frames = new ArrayList<>();
            for (int i = 0; i < bytes.length; i += chunk) {
                frames.addAll(parser.feed(ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i))));
            }
            assertThat(frames).as("chunks of " + chunk).isEqualTo(whole);
        }
    }

    @Test
    void refusesALineLongerThanTheLimit() {
        SseParser parser = new SseParser(16);
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap("data: 0123456789abcdef\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("longer than 16 bytes");
    }
}
