package io.github.camelliveagent.component.session.store;

import io.github.camelliveagent.component.session.SessionSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps sessions as one small JSON file each in a directory, for a single node: written to a temporary file and
 * moved into place, so a crash leaves either the old or the new state, never half of one. Session keys are stored
 * encrypted (see {@link KeyProtector}); on POSIX file systems the files are readable by their owner only ({@code 0600})
 * and a directory the store creates is the owner's only ({@code 0700}). A file that cannot be read back is skipped
 * with an ERROR naming it, so that one damaged file does not keep the other chats from resuming.
 */
public final class FileSessionStore implements SessionStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileSessionStore.class);
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path directory;
    private final KeyProtector protector;
    private final boolean posix;

    /**
     * @param directory where the files live (created if missing)
     * @param secret    protects the session keys; the same secret must be given after a restart
     */
    public FileSessionStore(Path directory, String secret) throws IOException {
        this.protector = new KeyProtector(secret);
        this.posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix && !Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        }
        this.directory = Files.createDirectories(directory);
        if (posix) {
            Set<PosixFilePermission> actual = Files.getPosixFilePermissions(this.directory);
            if (!OWNER_DIRECTORY.containsAll(actual)) {
                // a directory the user made is left as it is; the files in it are the owner's only in any case
                LOG.warn("Session store directory {} is open to others ({}); the session files in it are {} but their"
                         + " names (session ids) can be listed: consider chmod 700", this.directory,
                        PosixFilePermissions.toString(actual), PosixFilePermissions.toString(OWNER_FILE));
            }
        }
    }

    @Override
    public void save(SessionSnapshot snapshot) throws IOException {
        Path target = file(snapshot.id());
        Path tmp = directory.resolve(target.getFileName() + ".tmp");
        // created with its permissions before anything is written to it, so there is no moment it is readable to others
        Files.deleteIfExists(tmp);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_FILE) }
                : new FileAttribute<?>[0];
        Files.createFile(tmp, attributes);
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
            StoredSession.JSON.writeValue(out, StoredSession.of(snapshot, protector));
        }
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

    /** Every session whose file reads back; a file that does not is left in place and named in an ERROR. */
    @Override
    public List<SessionSnapshot> loadAll() throws IOException {
        List<SessionSnapshot> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "session-*.json")) {
            for (Path f : files) {
                try {
                    all.add(StoredSession.JSON.readValue(f.toFile(), StoredSession.class).toSnapshot(protector));
                } catch (IOException | RuntimeException e) {
                    LOG.error("Session file {} cannot be read back and is skipped (its chat does not resume; the file is"
                              + " left for inspection): {}", f, StoredSession.whyUnreadable(e));
                }
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
