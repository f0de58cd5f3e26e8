package io.github.camelliveagent.component.enhanced;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.component.session.store.KeyProtector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file per conversation ({@code conversation-<id>.json}) in the session store directory, next to the Live Agent
 * sessions' files: the access token AES-GCM encrypted under the session store secret (as session keys are), the rest
 * plain; owner-only files ({@code 0600}) on POSIX file systems, written to a temporary file and moved into place.
 */
public final class FileConversationStore implements ConversationStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileConversationStore.class);
    private static final ObjectMapper JSON = SavedConversationJson.JSON;
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final String PREFIX = "conversation-";

    private final Path directory;
    private final String secret;
    private volatile KeyProtector protector;
    private final boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** @param directory an existing directory (the file session store makes it, owner-only) */
    public FileConversationStore(Path directory, String secret) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.secret = secret;
    }

    /** The key is derived when a conversation is first saved or read: an application without any pays nothing. */
    private KeyProtector protector() {
        KeyProtector p = protector;
        if (p == null) {
            synchronized (this) {
                if (protector == null) {
                    protector = new KeyProtector(secret);
                }
                p = protector;
            }
        }
        return p;
    }

    private Path file(String conversationId) {
        if (!conversationId.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("not a conversation id: " + conversationId);
        }
        return directory.resolve(PREFIX + conversationId + ".json");
    }

    @Override
    public void save(SavedConversation c) throws IOException {
        ObjectNode json = SavedConversationJson.state(c).put("accessToken", protector().protect(c.accessToken()));
        json.set("processedEntries", SavedConversationJson.processedEntries(c));
        Path target = file(c.conversationId());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_FILE) }
                : new FileAttribute<?>[0];
        Files.createFile(tmp, attributes);
        Files.write(tmp, JSON.writeValueAsBytes(json));
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void remove(String conversationId) throws IOException {
        Files.deleteIfExists(file(conversationId));
    }

    @Override
    public List<SavedConversation> loadAll() throws IOException {
        List<SavedConversation> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*.json")) {
            for (Path f : files) {
                try {
                    JsonNode json = JSON.readTree(f.toFile());
                    all.add(SavedConversationJson.read(json, json.path("processedEntries"),
                            protector().reveal(json.path("accessToken").asText())));
                } catch (IOException | RuntimeException e) {
                    LOG.error("Enhanced Chat conversation file {} cannot be read and is left in place: {}", f,
                            SavedConversationJson.whyUnreadable(e));
                }
            }
        }
        return all;
    }

    @Override
    public boolean isPersistent() {
        return true;
    }

    @Override
    public String toString() {
        return "FileConversationStore[" + directory + "]";
    }
}
