package io.github.camelliveagent.emulator.http;

import io.github.camelliveagent.emulator.session.ChatSession;
import io.github.camelliveagent.emulator.session.Outcome;
import io.github.camelliveagent.emulator.session.SessionRegistry;
import io.github.camelliveagent.emulator.session.UploadedFile;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The upload servlet of an agent's file request (liveagent-api.md §2.2): {@code POST <uploadServletUrl>?orgId=…&chatKey=…
 * &fileToken=…&encoding=UTF-8}, {@code multipart/form-data} with the file in part {@code file}. The session is found by
 * {@code chatKey}, which may be the session id or the session key's part before its first {@code !} (the two readings
 * of the clients; [INF]); the query carries that key, so it is never logged.
 */
final class FileUploadResource {

    static final String PATH = UploadedFile.UPLOAD_PATH;
    /** Larger uploads are refused with 413; far above a chat attachment, far below the emulator's heap. */
    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FileUploadResource.class);

    private final SessionRegistry registry;
    private final Replies replies;

    FileUploadResource(SessionRegistry registry, Replies replies) {
        this.registry = registry;
        this.replies = replies;
    }

    void handle(HttpServerRequest req) {
        LOG.debug("{} {}", req.method(), PATH); // the path only: the query carries the chat key
        if (req.method() != HttpMethod.POST) {
            req.response().putHeader("Allow", "POST");
            send(req, Outcome.text(405, "Method Not Allowed: use POST"));
            return;
        }
        for (String param : new String[] {"orgId", "chatKey", "fileToken"}) {
            String v = req.getParam(param);
            if (v == null || v.isBlank()) {
                send(req, Outcome.text(400, "Missing required query parameter: " + param));
                return;
            }
        }
        String contentType = req.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
            send(req, Outcome.text(400, "The upload must be multipart/form-data with the file in part 'file'"));
            return;
        }
        ChatSession session = byChatKey(req.getParam("chatKey"));
        String fileToken = req.getParam("fileToken");
        Part file = new Part();
        req.setExpectMultipart(true);
        req.uploadHandler(upload -> {
            if (!"file".equals(upload.name()) || file.name != null) {
                upload.handler(ignored -> { });
                return;
            }
            file.name = upload.filename();
            file.type = upload.contentType();
            upload.handler(chunk -> {
                if (file.data.length() + chunk.length() > MAX_FILE_BYTES) {
                    file.tooBig = true; // drained, not kept: answered 413 at the end
                } else if (!file.tooBig) {
                    file.data.appendBuffer(chunk);
                }
            });
        });
        req.exceptionHandler(e -> LOG.debug("Upload request failed: {}", e.toString()));
        req.endHandler(done -> {
            if (session == null) {
                send(req, Outcome.text(403, "Forbidden: no chat for this chatKey"));
            } else if (file.name == null) {
                send(req, Outcome.text(400, "Missing multipart part 'file'"));
            } else if (file.tooBig) {
                send(req, Outcome.text(413, "Payload Too Large: at most " + MAX_FILE_BYTES + " bytes"));
            } else {
                send(req, session.fileUpload(fileToken, new UploadedFile(file.name,
                        file.type == null ? "application/octet-stream" : file.type, file.data.getBytes())));
            }
        });
    }

    /** The session whose id is {@code chatKey}, or whose key starts with {@code chatKey!}; null if none. */
    private ChatSession byChatKey(String chatKey) {
        ChatSession s = registry.byId(chatKey);
        if (s != null) {
            return s;
        }
        for (ChatSession candidate : registry.all()) {
            if (registry.keyOf(candidate).startsWith(chatKey + "!")) {
                return candidate;
            }
        }
        return null;
    }

    private void send(HttpServerRequest req, Outcome o) {
        replies.send(req, o, Duration.ZERO);
    }

    /** The part {@code file} as it arrives. */
    private static final class Part {
        String name;
        String type;
        final Buffer data = Buffer.buffer();
        boolean tooBig;
    }
}
