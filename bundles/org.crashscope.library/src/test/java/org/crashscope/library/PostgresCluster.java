package org.crashscope.library;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL for the tests: Debian's server binaries ({@code initdb}, {@code pg_ctl};
 * the {@code postgresql} package, which {@code releng/test.sh} installs) start a cluster in a
 * temporary folder on a free port of 127.0.0.1, as the unprivileged user {@code nobody} when the tests
 * run as root (PostgreSQL refuses root). Trust authentication: the cluster listens on loopback only
 * and lives as long as the test class. Stopped and deleted on close and at the JVM's exit: no
 * server is left behind.
 */
final class PostgresCluster implements AutoCloseable {

    private final Path bin;
    private final Path home;
    private final Path data;
    private final int port;
    private final List<String> runAs;
    private final Thread hook;

    /** Why the last {@link #start()} gave nothing. */
    static String whyNot;

    private PostgresCluster(Path bin, Path home, int port, List<String> runAs) {
        this.bin = bin;
        this.home = home;
        this.data = home.resolve("data");
        this.port = port;
        this.runAs = runAs;
        this.hook = new Thread(this::stop);
    }

    /** A running cluster, or {@code null} (the reason in {@link #whyNot}) when PostgreSQL's binaries are missing or it cannot start. */
    static PostgresCluster start() {
        Path bin = binaries();
        if (bin == null) {
            whyNot = "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on the PATH: apt-get install postgresql";
            return null;
        }
        PostgresCluster c = null;
        try {
            boolean root = "0".equals(run(List.of("id", "-u"), 10).strip());
            Path home = Files.createTempDirectory("crashscope-pg");
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> runAs = List.of();
            if (root) {
                UserPrincipal nobody = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
                Files.setOwner(home, nobody);
                runAs = List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--");
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            c = new PostgresCluster(bin, home, port, runAs);
            Runtime.getRuntime().addShutdownHook(c.hook);
            c.pg(List.of(bin.resolve("initdb").toString(), "-D", c.data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync",
                    "--locale=C"), 120);
            c.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", c.data.toString(), "-l", home.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + home + " -c fsync=off -c max_connections=50", "start"), 90);
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            whyNot = "PostgreSQL did not start: " + e.getMessage();
            if (c != null) {
                c.close();
            }
            return null;
        }
    }

    String url(String database, String user) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + user;
    }

    /** Runs statements as the superuser on a database. */
    void sql(String database, String... statements) throws SQLException {
        try (Connection c = new org.postgresql.Driver().connect(url(database, "postgres"), new java.util.Properties()); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs
        }
    }

    private synchronized void stop() {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), 60);
            } catch (IOException | InterruptedException | RuntimeException e) {
                // deleting the folder below takes the server's files; a server that would not stop is reported by the test's log
            }
        }
        try (Stream<Path> all = Files.walk(home)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder
        }
    }

    private void pg(List<String> command, int seconds) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(runAs);
        full.addAll(command);
        run(full, seconds);
    }

    private static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.directory(Path.of("/").toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end in " + seconds + " s");
        }
        String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(command.get(Math.min(command.size() - 1, command.indexOf("--") + 1)) + " failed: " + text.strip());
        }
        return text;
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Path best = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString()))).orElse(null);
            if (best != null) {
                return best;
            }
        } catch (IOException e) {
            // not Debian's layout: try the PATH
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
                return Path.of(dir);
            }
        }
        return null;
    }

    private static Integer versionOf(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
