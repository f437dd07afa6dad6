package org.crashscope.library;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, the database itself decides who sees which case: row-level security on every
 * table of the library, a row visible to (and writable by) a role only when its account is one the
 * {@code analysts} table gives that role. Our code has no WHERE on the account. The owner of the
 * tables (who migrates and grants) is not subject to it. The embedded store has one user: nothing to do.
 */
public class V2__RowLevelSecurity extends BaseJavaMigration {

    static final String[] TABLES = {"cases", "bucket_merges", "fingerprint_rules", "known_issues"};

    @Override
    public void migrate(Context context) throws Exception {
        if (!context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
            return;
        }
        try (Statement s = context.getConnection().createStatement()) {
            String mine = "account IN (SELECT a.account FROM analysts a WHERE a.role_name = current_user)";
            for (String table : TABLES) {
                s.execute("ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY");
                s.execute("CREATE POLICY " + table + "_of_account ON " + table + " USING (" + mine + ") WITH CHECK (" + mine + ")");
            }
            s.execute("ALTER TABLE analysts ENABLE ROW LEVEL SECURITY");
            s.execute("CREATE POLICY analysts_self ON analysts USING (role_name = current_user)");
        }
    }
}
