package io.github.camelliveagent.emulator.session;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file the visitor uploaded for the agent's file request (liveagent-api.md §2.2).
 *
 * @param fileName    the name sent with the multipart part {@code file}
 * @param contentType the part's media type
 * @param content     the bytes
 */
public record UploadedFile(String fileName, String contentType, byte[] content) {

    /** Where the emulator takes uploads, announced as {@code uploadServletUrl} (the real servlet's path is undocumented). */
    public static final String UPLOAD_PATH = "/content/fileUpload";

    /** What the transcript keeps of it: name, type, size and SHA-256 (not the bytes). */
    String transcriptJson() {
        ObjectNode o = Json.object();
        o.put("fileName", fileName);
        o.put("contentType", contentType);
        o.put("size", content.length);
        o.put("sha256", sha256(content));
        return Json.write(o);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
