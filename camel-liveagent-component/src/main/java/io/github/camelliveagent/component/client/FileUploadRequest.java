package io.github.camelliveagent.component.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The upload of a file the agent asked for (liveagent-api.md §2.2): a multipart POST to the {@code uploadServletUrl} of
 * the agent's {@code FileTransfer {type: Requested}}, outside the Chat REST API.
 * <p>
 * The query carries {@code chatKey}, which is derived from the session key: the full URI is never printed;
 * {@link #describe()} names the call without it.
 *
 * @param uploadServletUrl the URL the server announced
 * @param organizationId   the org id ({@code orgId})
 * @param chatKey          the session's chat key ({@code chatKey}); never printed
 * @param fileToken        the token of the agent's request ({@code fileToken})
 * @param fileName         the file name sent with the multipart part {@code file}
 * @param contentType      the file's media type
 * @param content          the file's bytes
 * @param timeoutMs        the response timeout
 */
public record FileUploadRequest(
        URI uploadServletUrl, String organizationId, String chatKey, String fileToken,
        String fileName, String contentType, byte[] content, long timeoutMs) {

    /** The URI to POST to: the announced URL with {@code orgId}, {@code chatKey}, {@code fileToken} and {@code encoding}. */
    public URI uri() {
        String base = uploadServletUrl.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?")
                          + "orgId=" + enc(organizationId) + "&chatKey=" + enc(chatKey)
                          + "&fileToken=" + enc(fileToken) + "&encoding=UTF-8");
    }

    /** Names the call without its secrets (no query: it carries the chat key), for logs and errors. */
    public String describe() {
        return "POST file upload to " + uploadServletUrl.getScheme() + "://" + uploadServletUrl.getRawAuthority()
               + (uploadServletUrl.getRawPath() == null ? "" : uploadServletUrl.getRawPath());
    }

    /** The text with the chat key blanked out, for anything that quotes what the upload server said. */
    public String redact(String text) {
        return text == null || text.isEmpty() || chatKey == null || chatKey.isEmpty() ? text : text.replace(chatKey, "***");
    }

    @Override
    public String toString() {
        return "FileUploadRequest[" + describe() + ", " + fileName + ", " + content.length + " bytes]";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
