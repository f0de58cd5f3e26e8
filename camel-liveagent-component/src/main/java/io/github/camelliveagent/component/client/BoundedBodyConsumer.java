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

    private final int maxBytes;
    private final ByteArrayBuffer buffer = new ByteArrayBuffer(1024);

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
        if ((long) buffer.length() + src.remaining() > maxBytes) {
            throw new ResponseTooLargeException(maxBytes);
        }
        buffer.append(src);
    }

    @Override
    protected byte[] generateContent() {
        return buffer.toByteArray();
    }

    @Override
    public void releaseResources() {
        buffer.clear();
    }

    /** The server sent a body larger than the component's maxResponseSize. */
    public static final class ResponseTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(int maxBytes) {
            super("the response body is larger than maxResponseSize (" + maxBytes + " bytes)");
        }
    }
}
