package io.github.camelliveagent.emulator.enhanced.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.enhanced.EnhancedChatSettings;
import io.github.camelliveagent.emulator.enhanced.conversation.ApiOutcomes;
import io.github.camelliveagent.emulator.enhanced.conversation.SentFiles;
import io.github.camelliveagent.emulator.enhanced.conversation.VisitorMessage;
import io.github.camelliveagent.emulator.session.Json;
import io.github.camelliveagent.emulator.session.UploadedFile;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST conversation/{id}/file} (miaw-api.md §4.3): {@code multipart/form-data} with the JSON part
 * {@code messageEntry} and the bytes in {@code fileData}; at most 5 MB (413), of an allowed type (415), while the
 * deployment allows attachments (403). The file reaches the conversation as an {@code Attachments} message.
 */
final class FileResource {

    private static final Set<String> MESSAGE_FIELDS = Set.of("id", "fileId", "text", "inReplyToMessageId");

    private final EnhancedChatSettings settings;
    private final BodyRules rules;
    private final Supplier<String> baseUrl;

    FileResource(EnhancedChatSettings settings, BodyRules rules, Supplier<String> baseUrl) {
        this.settings = settings;
        this.rules = rules;
        this.baseUrl = baseUrl;
    }

    void file(ApiCall call) {
        HttpServerRequest req = call.request();
        String contentType = req.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
            call.reply(ApiOutcomes.error(400, "The file request must be multipart/form-data with the parts messageEntry"
                    + " (JSON) and fileData (the file)"));
            return;
        }
        if (!settings.attachments()) {
            call.reply(ApiOutcomes.error(403, "File attachments are not enabled for this deployment"));
            return;
        }
        Parts parts = new Parts();
        req.setExpectMultipart(true);
        req.uploadHandler(upload -> {
            Buffer target;
            if ("fileData".equals(upload.name()) && parts.fileName == null) {
                parts.fileName = upload.filename();
                parts.fileType = upload.contentType();
                target = parts.file;
            } else if ("messageEntry".equals(upload.name())) {
                parts.entryFromUpload = true;
                target = parts.entry;
            } else {
                upload.handler(ignored -> { });
                return;
            }
            upload.handler(chunk -> {
                if (target == parts.file && parts.file.length() + chunk.length() > EnhancedChatSettings.MAX_FILE_BYTES) {
                    parts.tooBig = true; // drained, not kept: answered 413 at the end
                } else if (!parts.tooBig || target != parts.file) {
                    target.appendBuffer(chunk);
                }
            });
        });
        req.exceptionHandler(e -> parts.failed = true);
        req.endHandler(done -> {
            if (parts.failed) {
                return;
            }
            try {
                finish(call, parts);
            } catch (BadRequest e) {
                call.reply(ApiOutcomes.error(e.status(), e.getMessage()));
            }
        });
    }

    private void finish(ApiCall call, Parts parts) {
        String entryText = parts.entryFromUpload ? parts.entry.toString(StandardCharsets.UTF_8)
                : call.request().getFormAttribute("messageEntry");
        if (entryText == null) {
            throw new BadRequest("Missing multipart part messageEntry (JSON: esDeveloperName, message {id, fileId, text})");
        }
        if (parts.fileName == null) {
            throw new BadRequest("Missing multipart part fileData (the file, with a filename and a content type)");
        }
        if (parts.tooBig) {
            throw new BadRequest(413, "The file is larger than " + EnhancedChatSettings.MAX_FILE_BYTES + " bytes (5 MB)");
        }
        String type = parts.fileType == null ? "application/octet-stream" : parts.fileType.split(";")[0].trim();
        if (!settings.fileTypes().contains(type)) {
            throw new BadRequest(415, "Unsupported file type " + type + ": allowed are "
                    + settings.fileTypes().stream().sorted().toList());
        }
        String where = "the messageEntry part";
        JsonNode b = rules.object(entryText, where);
        rules.known(b, where, MessageResources.SEND_FIELDS);
        ConversationResources.deployment(call, BodyRules.text(b, "esDeveloperName", where));
        JsonNode m = b.get("message");
        if (m == null || !m.isObject()) {
            throw new BadRequest("Missing required field message ({id, fileId, text}) in " + where);
        }
        rules.known(m, "messageEntry.message", MESSAGE_FIELDS);
        String id = BodyRules.uuid(BodyRules.text(m, "id", "messageEntry.message"), "message.id");
        String fileId = BodyRules.uuid(BodyRules.text(m, "fileId", "messageEntry.message"), "message.fileId");
        String caption = m.path("text").asText("");
        ObjectNode content = Json.object();
        content.put("formatType", "Attachments");
        if (!caption.isEmpty()) {
            content.put("text", caption);
        }
        ObjectNode a = content.putArray("attachments").addObject();
        a.put("id", fileId);
        a.put("name", parts.fileName);
        a.put("mimeType", type);
        a.put("url", baseUrl.get() + SentFiles.PATH + fileId);
        a.put("referenceId", fileId);
        a.putNull("attachmentUploadResult");
        ObjectNode abstractMessage = Json.object();
        abstractMessage.put("messageType", "StaticContentMessage");
        abstractMessage.put("id", id);
        abstractMessage.set("inReplyToMessageId", m.path("inReplyToMessageId").isTextual() ? m.get("inReplyToMessageId")
                : Json.MAPPER.nullNode());
        abstractMessage.putArray("references");
        abstractMessage.set("staticContent", content);
        VisitorMessage vm = new VisitorMessage(id, abstractMessage, caption.isEmpty() ? parts.fileName : caption,
                BodyRules.flag(b, "isNewMessagingSession", where), BodyRules.attributes(b, where), entryText);
        call.reply(call.conversation().message(call.token(), vm, "file",
                new UploadedFile(parts.fileName, type, parts.file.getBytes())));
    }

    /** The parts as they arrive. */
    private static final class Parts {
        final Buffer entry = Buffer.buffer();
        final Buffer file = Buffer.buffer();
        boolean entryFromUpload;
        String fileName;
        String fileType;
        boolean tooBig;
        boolean failed;
    }
}
