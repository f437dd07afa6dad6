package org.crashscope.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on a real PostgreSQL (a throwaway cluster, {@link PostgresCluster}), every test as an
 * analyst role of an account, so that row-level security is in the way of everything; and two
 * analysts of two accounts who must not see each other's cases. Without PostgreSQL the tests are
 * skipped and say why, except under CI ({@code CI=true}), where that fails them.
 */
class PostgresLibraryTest extends LibraryContract {

    private static PostgresCluster cluster;
    private static int databases;

    @BeforeAll
    static void startPostgres() throws SQLException {
        cluster = PostgresCluster.start();
        if (cluster == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true and " + PostgresCluster.whyNot);
            }
            System.err.println("PostgresLibraryTest skipped: " + PostgresCluster.whyNot);
            Assumptions.abort("skipped: " + PostgresCluster.whyNot);
        }
        cluster.sql("postgres", "CREATE ROLE admin LOGIN", "CREATE ROLE alice LOGIN", "CREATE ROLE carol LOGIN", "CREATE ROLE bob LOGIN");
    }

    @AfterAll
    static void stopPostgres() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A new database owned by {@code admin}, migrated by it; alice and carol work for acme, bob for globex. */
    private static String database() throws IOException, SQLException {
        String db = "cases" + databases++;
        cluster.sql("postgres", "CREATE DATABASE " + db + " OWNER admin");
        try (CaseLibrary owner = CaseLibrary.open(cluster.url(db, "admin"))) {
            owner.grant("alice", "acme");
            owner.grant("carol", "acme");
            owner.grant("bob", "globex");
        }
        return db;
    }

    private String last;

    @Override
    CaseLibrary fresh() throws IOException {
        try {
            last = database();
        } catch (SQLException e) {
            throw new IOException(e);
        }
        return CaseLibrary.open(cluster.url(last, "alice"));
    }

    @Override
    CaseLibrary again(CaseLibrary of) throws IOException {
        return CaseLibrary.open(cluster.url(last, "carol"));
    }

    @Test
    void anAnalystOfAnotherAccountSeesNoneOfTheFirstsCases() throws Exception {
        String db = database();
        try (CaseLibrary alice = CaseLibrary.open(cluster.url(db, "alice")); CaseLibrary bob = CaseLibrary.open(cluster.url(db, "bob"))) {
            assertEquals("acme", alice.account());
            assertEquals("globex", bob.account());
            Case a = alice.add(Sessions.facts("ck-gpf"));
            alice.add(Sessions.facts("ck-null"));
            assertEquals(2, alice.count());
            assertEquals(0, bob.count());
            assertTrue(bob.find(a.id()).isEmpty());
            assertTrue(bob.buckets().isEmpty());
            assertNull(bob.similar(Sessions.facts("k612-ck-gpf"), 5).bucket());
            assertFalse(bob.delete(a.id()));
            // the database refuses what our code would never do: bob writing a row of acme's, or changing acme's rows
            try (Statement s = bob.connection().createStatement()) {
                SQLException refused = assertThrows(SQLException.class,
                        () -> s.executeUpdate("INSERT INTO cases (account, id, content_hash, signature, signature_version, frames, deliberate, status, "
                                + "first_seen, last_seen, seen_count, changed_at, version) VALUES ('acme', 'cx', 'x', 's', 1, '', false, 'new', now(), now(), 1, now(), 1)"));
                assertTrue(refused.getMessage().contains("row-level security"), refused.getMessage());
                assertEquals(0, s.executeUpdate("UPDATE cases SET status = 'solved'"));
                assertEquals(0, s.executeUpdate("DELETE FROM cases"));
            }
            // bob's own case of the same file is bob's: a case per account
            Case b = bob.add(Sessions.facts("ck-gpf"));
            assertEquals(a.id(), b.id());
            assertEquals("globex", b.account());
            assertEquals(1, bob.count());
            assertEquals(2, alice.count());
            assertEquals(1, alice.find(a.id()).orElseThrow().seenCount());
        }
    }
}
