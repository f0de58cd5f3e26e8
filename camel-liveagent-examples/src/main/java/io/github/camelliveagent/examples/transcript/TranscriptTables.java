package io.github.camelliveagent.examples.transcript;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** Creates the transcript tables from {@code db/schema.sql} unless they exist. */
public final class TranscriptTables {

    private TranscriptTables() {
    }

    public static void create(DataSource dataSource) throws IOException, SQLException {
        String script;
        try (InputStream in = TranscriptTables.class.getResourceAsStream("/db/schema.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : script.replaceAll("(?m)^\\s*--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }
}
