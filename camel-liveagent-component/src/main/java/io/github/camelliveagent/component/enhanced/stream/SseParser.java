package io.github.camelliveagent.component.enhanced.stream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames a text/event-stream as its bytes arrive, in chunks cut anywhere (the W3C EventSource rules: lines end with
 * CRLF, LF or CR; a blank line ends an event; lines starting with a colon are comments; unknown fields are ignored).
 * Lines are split on bytes, which is safe in UTF-8 because no multi-byte character contains CR or LF. Not thread-safe:
 * one parser per connection.
 */
public final class SseParser {

    private final int maxLineBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean lastWasCr;
    private String id;
    private String event;
    private StringBuilder data;

    /** @param maxLineBytes the longest line accepted; a longer one fails the stream instead of filling the heap */
    public SseParser(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** The frames completed by these bytes, in order. */
    public List<SseFrame> feed(ByteBuffer bytes) {
        List<SseFrame> frames = new ArrayList<>(1);
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == '\n' && lastWasCr) {
                lastWasCr = false;
                continue;
            }
            lastWasCr = b == '\r';
            if (b == '\n' || b == '\r') {
                SseFrame frame = line(line.toString(StandardCharsets.UTF_8));
                line.reset();
                if (frame != null) {
                    frames.add(frame);
                }
            } else {
                if (line.size() >= maxLineBytes) {
                    throw new IllegalStateException("an event stream line is longer than " + maxLineBytes + " bytes");
                }
                line.write(b);
            }
        }
        return frames;
    }

    private SseFrame line(String text) {
        if (text.isEmpty()) {
            if (data == null && id == null && event == null) {
                return null;
            }
            SseFrame frame = new SseFrame(id, event == null ? "message" : event, data == null ? "" : data.toString());
            id = null;
            event = null;
            data = null;
            return frame;
        }
        if (text.charAt(0) == ':') {
            return null;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // retry: and unknown fields; reconnection timing is the component's own
            }
        }
        return null;
    }
}
