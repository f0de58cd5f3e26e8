package io.github.camelliveagent.emulator.enhanced.conversation;

import io.github.camelliveagent.emulator.session.UploadedFile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files sent in conversations, by file id, for their download links: the end user's uploads and the agent's
 * attachments. The id is a random UUID, as unguessable as a signed link, so a download needs no token [INF].
 */
public final class SentFiles {

    /** Where a file is served: {@code <base URL>/emulator/enhanced/files/<fileId>}. */
    public static final String PATH = "/emulator/enhanced/files/";

    private final Map<String, UploadedFile> byId = new ConcurrentHashMap<>();

    void put(String fileId, UploadedFile file) {
        byId.put(fileId, file);
    }

    /** The file with this id, or null. */
    public UploadedFile get(String fileId) {
        return byId.get(fileId);
    }

    /** The download link of a file. */
    public String url(String baseUrl, String fileId) {
        return baseUrl + PATH + fileId;
    }
}
