package io.github.camelliveagent.component.client;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.nio.entity.AbstractBinAsyncEntityConsumer;
import org.apache.hc.core5.util.ByteArrayBuffer;

/**
 * Collects a response body in memory, up to a limit: a server that sends more (a broken proxy, a runaway payload)
 * fails that call with {@link ResponseTooLargeException} instead of filling the heap that every session shares.
 */
public final class BoundedBodyConsumer extends AbstractBinAsyncEntityConsumer<byte[]> {

    private static final byte[] EMPTY = new byte[0];

    private final int maxBytes;
    /**
     * Made at the first chunk, at that chunk's size: a 204 (most polls of an idle chat) allocates none, and a body that
     * comes in one chunk (most replies) is handed over without a copy.
     */
    private ByteArrayBuffer buffer;

    public BoundedBodyConsumer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void streamStart(ContentType contentType) {
    }

    @Override
    protected int capacityIncrement() {
        return Integer.MAX_VALUE;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
        int had = buffer == null ? 0 : buffer.length();
        if ((long) had + src.remaining() > maxBytes) {
            throw new ResponseTooLargeException(maxBytes);
        }
        if (buffer == null) {
            if (!src.hasRemaining()) {
                return;
            }
            buffer = new ByteArrayBuffer(src.remaining());
        }
        buffer.append(src);
    }

    @Override
    protected byte[] generateContent() {
        if (buffer == null) {
            return EMPTY;
        }
        return buffer.length() == buffer.capacity() ? buffer.array() : buffer.toByteArray();
    }

    @Override
    public void releaseResources() {
        buffer = null;
    }

    /** The server sent a body larger than the component's maxResponseSize. */
    public static final class ResponseTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(int maxBytes) {
            super("the response body is larger than maxResponseSize (" + maxBytes + " bytes)");
        }
    }
}
