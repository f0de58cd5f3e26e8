package io.github.camelliveagent.component.enhanced.client;

import io.github.camelliveagent.component.enhanced.stream.SseFrame;

/**
 * What an event stream connection reports, on the HTTP client's I/O threads: implementations must not block and must
 * never run route code there.
 */
public interface StreamListener {

    /** The server accepted the stream (200, text/event-stream); frames follow. */
    void opened();

    /** One frame, in the order the server sent them. */
    void frame(SseFrame frame);

    /** The server refused the stream with this status and (bounded) body; the connection is over. */
    void refused(HttpReply reply);

    /** The stream ended: null when the server closed it, else the failure (network, time-out, malformed stream). */
    void closed(Throwable failure);
}
