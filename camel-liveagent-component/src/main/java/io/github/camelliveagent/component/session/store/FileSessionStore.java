package io.github.camelliveagent.component.session.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps sessions as one small JSON file each in a directory, for a single node: written to a temporary file and
 * moved into place, so a crash leaves either the old or the new state, never half of one. Session keys are stored
 * encrypted (see {@link KeyProtector}).
 */
public final class FileSessionStore implements SessionStore {

    private final Path directory;
    private final KeyProtector protector;

    /**
     * @param directory where the files live (created if missing)
     * @param secret    protects the session keys; the same secret must be given after a restart
     */
    public FileSessionStore(Path directory, String secret) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.protector = new KeyProtector(secret);
    }

    @Override
    public void save(SessionSnapshot snapshot) throws IOException {
        Path target = file(snapshot.id());
        Path tmp = directory.resolve(target.getFileName() + ".tmp");
        StoredSession.JSON.writeValue(tmp.toFile(), StoredSession.of(snapshot, protector));
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void remove(String sessionId) throws IOException {
        Files.deleteIfExists(file(sessionId));
    }

    @Override
    public List<SessionSnapshot> loadAll() throws IOException {
        List<SessionSnapshot> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "session-*.json")) {
            for (Path f : files) {
                all.add(StoredSession.JSON.readValue(f.toFile(), StoredSession.class).toSnapshot(protector));
            }
        }
        return all;
    }

    private Path file(String sessionId) {
        // ids are UUIDs; anything else is reduced to safe characters so that no id can name a path outside
        return directory.resolve("session-" + sessionId.replaceAll("[^A-Za-z0-9-]", "_") + ".json");
    }

    @Override
    public String toString() {
        return "FileSessionStore[" + directory + "]";
    }
}
