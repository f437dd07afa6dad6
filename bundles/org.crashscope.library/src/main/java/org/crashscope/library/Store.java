package org.crashscope.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Where a library lives: a folder (the embedded H2 database {@code library.mv.db} in it) or a JDBC
 * URL of a team's PostgreSQL. Connections are made by the driver classes themselves, not through
 * {@code DriverManager}, and the migrations are handed to Flyway as resources and instances rather
 * than found by scanning the class path: both work the same on a plain class path (the CLI) and in
 * OSGi (the workbench), where neither the driver registry nor Flyway's scanner sees other bundles.
 *
 * @param url  the JDBC URL
 * @param user the user (PostgreSQL role), or {@code null} for the URL's own
 */
record Store(String url, String user, String password, boolean embedded) {

    /**
     * Flyway reports each step through java.util.logging (on stderr): the CLI's stderr is for what the
     * user must know, so only its errors pass. Held here so that the setting is not collected.
     */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    /** The migrations, in order: SQL resources of this bundle, and the Java ones. */
    private static final List<String> SQL = List.of("V1__cases.sql");

    /** A folder or a {@code jdbc:postgresql:} URL ({@code user} and {@code password} may be in it, or given). */
    static Store of(String location, String user, String password) throws IOException {
        if (location.startsWith("jdbc:postgresql:")) {
            return new Store(location, user, password, false);
        }
        if (location.startsWith("jdbc:")) {
            throw new IOException("a library is a folder or a jdbc:postgresql: URL, not " + location.substring(0, Math.min(location.length(), 20)) + "...");
        }
        Path dir = Path.of(location).toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder");
        }
        if (Files.isSymbolicLink(dir.resolve("library.mv.db"))) {
            throw new IOException("will not open the library through a link: " + dir.resolve("library.mv.db"));
        }
        Files.createDirectories(dir);
        // PostgreSQL mode: the same SQL as the team's store; no IFEXISTS games: the folder is made above
        String url = "jdbc:h2:file:" + dir.resolve("library") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        return new Store(url, "crashscope", "", true);
    }

    Connection connect() throws SQLException {
        Driver driver = embedded ? new org.h2.Driver() : new org.postgresql.Driver();
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        Connection c = driver.connect(url, p);
        if (c == null) {
            throw new SQLException("the driver does not take " + url);
        }
        return c;
    }

    /** Brings the schema up to date (only when a migration is pending: an analyst without DDL rights opens an up-to-date store). */
    void migrate() {
        if (upToDate()) {
            return;
        }
        Flyway flyway = Flyway.configure(Flyway.class.getClassLoader())
                .dataSource(dataSource())
                .resourceProvider(resources())
                .javaMigrationClassProvider(List::of)
                .javaMigrations(new V2__RowLevelSecurity())
                .failOnMissingLocations(false)
                .load();
        if (flyway.info().pending().length > 0) {
            flyway.migrate();
        }
    }

    /** The latest migration's version: raise it with every new migration. */
    static final int LATEST = 2;

    /**
     * Whether Flyway's history says the schema is at {@link #LATEST}: then Flyway is not even loaded
     * (it costs a second of start-up, which every analyze that records a case would pay).
     */
    private boolean upToDate() {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success")) {
            return r.next() && r.getInt(1) >= LATEST;
        } catch (SQLException | RuntimeException e) {
            // no history yet (a new library), or one Flyway must look at
            return false;
        }
    }

    private DataSource dataSource() {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return connect();
            }

            @Override
            public Connection getConnection(String u, String pw) throws SQLException {
                return connect();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    private static ResourceProvider resources() {
        return new ResourceProvider() {
            @Override
            public LoadableResource getResource(String name) {
                return SQL.contains(name) ? resource(name) : null;
            }

            @Override
            public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
                return SQL.stream().filter(n -> n.startsWith(prefix) && List.of(suffixes).stream().anyMatch(n::endsWith)).map(Store::resource).toList();
            }
        };
    }

    private static LoadableResource resource(String name) {
        String text;
        try (InputStream in = Store.class.getResourceAsStream("schema/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lost its migration " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the migration " + name, e);
        }
        return new LoadableResource() {
            @Override
            public Reader read() {
                return new StringReader(text);
            }

            @Override
            public String getAbsolutePath() {
                return "org/crashscope/library/schema/" + name;
            }

            @Override
            public String getAbsolutePathOnDisk() {
                return getAbsolutePath();
            }

            @Override
            public String getFilename() {
                return name;
            }

            @Override
            public String getRelativePath() {
                return name;
            }
        };
    }
}
