package org.crashscope.library;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The case library: every analysed crash as a case, grouped into buckets by signature, with what
 * people did (status, resolution, notes, merges and splits of buckets, custom fingerprints). One
 * schema on an embedded H2 database in a folder (the user's data folder by default) or on a team's
 * PostgreSQL, where row-level security decides which account's cases a role sees: nothing here
 * filters by account. Changes people make are checked against the version they read (optimistic
 * locking): a change to a case changed since is refused with a {@link ConflictException}, never lost.
 */
public final class CaseLibrary implements AutoCloseable {

    /** The account of the embedded store (one user). */
    public static final String LOCAL = "local";

    private static final String CASE_COLUMNS = "account, id, content_hash, signature, signature_version, kind, title, guilty_frame, frames, mechanism, "
            + "kernel_release, arch, machine, diagnosis, known_issue, deliberate, file_path, status, resolution, notes, bucket_override, first_seen, "
            + "last_seen, seen_count, changed_at, changed_by, version";

    private final Store store;
    private final Connection connection;
    private final String account;
    private final String location;
    /** The fingerprint rules as last read (a handle serves one piece of work; adding or removing a rule reads them again). */
    private List<FingerprintRule> rules;

    private CaseLibrary(Store store, String location, String account) throws SQLException {
        this.store = store;
        this.location = location;
        this.connection = store.connect();
        this.account = account != null ? account : store.embedded() ? LOCAL : accountOfRole();
    }

    /**
     * Where a library is when none is given: the property {@code crashscope.library}, else the
     * environment's {@code CRASHSCOPE_LIBRARY}, else the user's data folder ({@link DataFolder#library()}).
     */
    public static String defaultLocation() {
        String property = System.getProperty("crashscope.library");
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv("CRASHSCOPE_LIBRARY");
        return env != null && !env.isBlank() ? env : DataFolder.library().toString();
    }

    /** The library of {@link #defaultLocation()}. */
    public static CaseLibrary openDefault() throws IOException {
        return open(defaultLocation());
    }

    /** A library in a folder (made when missing) or at a {@code jdbc:postgresql:} URL (user and password in it). */
    public static CaseLibrary open(String location) throws IOException {
        return open(location, null, null, null);
    }

    /**
     * A library as a user: on PostgreSQL the role the rows are shown to; {@code account} the
     * account new cases go to ({@code null}: the role's account in {@code analysts}, the first by name).
     */
    public static CaseLibrary open(String location, String user, String password, String account) throws IOException {
        Store store = Store.of(location, user, password);
        try {
            store.migrate();
            return new CaseLibrary(store, location, account);
        } catch (SQLException | RuntimeException e) {
            throw new IOException("cannot open the case library " + safeLocation(location) + ": " + message(e), e);
        }
    }

    public String account() {
        return account;
    }

    /** Where it is, without a password. */
    public String location() {
        return safeLocation(location);
    }

    public boolean embedded() {
        return store.embedded();
    }

    // ---- accounts (a team's PostgreSQL)

    /**
     * Lets a database role work on an account's cases (run by the owner of the tables, who created the
     * role): the row in {@code analysts} that row-level security reads, and the table rights. The role
     * then sees that account's cases and no other's; the database decides, not this code.
     */
    public void grant(String role, String account) throws IOException {
        if (store.embedded()) {
            throw new IOException("the embedded library has one user: accounts are for a team's PostgreSQL");
        }
        String quoted = "\"" + role.replace("\"", "\"\"") + "\"";
        try (Statement s = connection.createStatement();
                PreparedStatement p = connection.prepareStatement("INSERT INTO analysts (role_name, account) VALUES (?, ?)")) {
            p.setString(1, role);
            p.setString(2, account);
            p.executeUpdate();
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON cases, bucket_merges, fingerprint_rules, known_issues TO " + quoted);
            s.execute("GRANT SELECT ON analysts, flyway_schema_history TO " + quoted);
        } catch (SQLException e) {
            throw failure("grant " + role + " the account " + account, e);
        }
    }

    // ---- cases

    /**
     * Records an analysis: a new case, or, for a file added before (the same content), the same
     * case seen once more with its facts as this analysis has them; status, resolution and notes
     * are kept.
     */
    public Case add(CaseFacts facts) throws IOException {
        long now = System.currentTimeMillis();
        long at = LAST_RECORDED.updateAndGet(last -> Math.max(now, last + 1));
        return add(facts, OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(at), ZoneOffset.UTC));
    }

    /**
     * When this process last recorded a case (epoch milliseconds): the next is recorded a millisecond later at the
     * least, so that cases recorded within one millisecond (a script adding a folder) keep the order they came in,
     * which a bucket lists them by (oldest first, to the millisecond; they were listed by their ids).
     */
    private static final java.util.concurrent.atomic.AtomicLong LAST_RECORDED = new java.util.concurrent.atomic.AtomicLong();

    /** {@link #add(CaseFacts)} at a given time (an import, a benchmark of past cases). */
    public Case add(CaseFacts facts, OffsetDateTime when) throws IOException {
        String id = Case.idOf(facts.contentHash());
        String signature = Signature.of(facts, rules());
        OffsetDateTime at = when.truncatedTo(ChronoUnit.MILLIS);
        try {
            for (int attempt = 0;; attempt++) {
                OffsetDateTime lastSeen = lastSeen(id);
                if (lastSeen != null) {
                    try (PreparedStatement s = connection.prepareStatement("UPDATE cases SET signature = ?, signature_version = ?, kind = ?, title = ?, "
                            + "guilty_frame = ?, frames = ?, mechanism = ?, kernel_release = ?, arch = ?, machine = ?, diagnosis = ?, known_issue = ?, "
                            + "deliberate = ?, file_path = ?, last_seen = ?, seen_count = seen_count + 1 WHERE id = ?")) {
                        int i = 1;
                        s.setString(i++, signature);
                        s.setInt(i++, Signature.VERSION);
                        i = setFacts(s, i, facts);
                        s.setString(i++, facts.file());
                        s.setObject(i++, at.isAfter(lastSeen) ? at : lastSeen);
                        s.setString(i, id);
                        s.executeUpdate();
                    }
                    return find(id).orElseThrow();
                }
                try (PreparedStatement s = connection.prepareStatement("INSERT INTO cases (" + CASE_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    int i = 1;
                    s.setString(i++, account);
                    s.setString(i++, id);
                    s.setString(i++, facts.contentHash());
                    s.setString(i++, signature);
                    s.setInt(i++, Signature.VERSION);
                    i = setFacts(s, i, facts);
                    s.setString(i++, facts.file());
                    s.setString(i++, CaseStatus.NEW.id());
                    s.setString(i++, null);
                    s.setString(i++, null);
                    s.setString(i++, null);
                    s.setObject(i++, at);
                    s.setObject(i++, at);
                    s.setInt(i++, 1);
                    s.setObject(i++, at);
                    s.setString(i++, null);
                    s.setInt(i, 1);
                    s.executeUpdate();
                    String bucket = merges().getOrDefault(signature, signature);
                    return new Case(id, account, facts, signature, Signature.VERSION, bucket, CaseStatus.NEW, null, null, at, at, 1, at, null, 1);
                } catch (SQLException e) {
                    // another analyst added the same file between our look and our insert: it is now an update
                    if (attempt > 0 || !duplicate(e) || !connection.getAutoCommit()) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("record the case", e);
        }
    }

    /** When the case of an id was last seen, or {@code null} when this user has no such case. */
    private OffsetDateTime lastSeen(String id) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT last_seen FROM cases WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? time(r, "last_seen") : null;
            }
        }
    }

    /** Work on the library that is done whole or not at all. */
    public interface Work<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} in one transaction (an import: one commit, not one per case). */
    public <T> T transaction(Work<T> work) throws IOException {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("commit", e);
        }
    }

    private static int setFacts(PreparedStatement s, int i, CaseFacts f) throws SQLException {
        s.setString(i++, f.kind());
        s.setString(i++, f.title());
        s.setString(i++, f.guiltyFrame());
        s.setString(i++, String.join("\n", f.frames()));
        s.setString(i++, f.mechanism());
        s.setString(i++, f.release());
        s.setString(i++, f.arch());
        s.setString(i++, f.machine());
        s.setString(i++, f.diagnosis());
        s.setString(i++, f.knownIssue());
        s.setBoolean(i++, f.deliberate());
        return i;
    }

    /**
     * Puts a case read from an export into this library, as it was (status, resolution, notes, dates,
     * bucket), under this library's account; {@code false} when the library has it already (kept as it is).
     */
    public boolean put(Case c) throws IOException {
        try {
            if (find(c.id()).isPresent()) {
                return false;
            }
            CaseFacts facts = c.facts();
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO cases (" + CASE_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                int i = 1;
                s.setString(i++, account);
                s.setString(i++, Case.idOf(facts.contentHash()));
                s.setString(i++, facts.contentHash());
                s.setString(i++, c.signature());
                s.setInt(i++, c.signatureVersion());
                i = setFacts(s, i, facts);
                s.setString(i++, facts.file());
                s.setString(i++, c.status().id());
                s.setString(i++, c.resolution());
                s.setString(i++, c.notes());
                s.setString(i++, c.bucket().equals(c.signature()) ? null : c.bucket());
                s.setObject(i++, c.firstSeen());
                s.setObject(i++, c.lastSeen());
                s.setInt(i++, Math.max(1, c.seenCount()));
                s.setObject(i++, c.changedAt() != null ? c.changedAt() : c.lastSeen());
                s.setString(i++, c.changedBy());
                s.setInt(i, Math.max(1, c.version()));
                s.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw failure("import case " + c.id(), e);
        }
    }

    /** The case of an id (or of a unique prefix of one), if this user may see it. */
    public Optional<Case> find(String id) throws IOException {
        try {
            List<Case> found = query("SELECT " + CASE_COLUMNS + " FROM cases WHERE id = ?", id);
            return found.stream().findFirst();
        } catch (SQLException e) {
            throw failure("read case " + id, e);
        }
    }

    /** Every case this user may see, oldest first. */
    public List<Case> cases() throws IOException {
        try {
            return query("SELECT " + CASE_COLUMNS + " FROM cases ORDER BY first_seen, id");
        } catch (SQLException e) {
            throw failure("list the cases", e);
        }
    }

    /** How many cases this user may see. */
    public int count() throws IOException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM cases")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw failure("count the cases", e);
        }
    }

    /**
     * Changes what people say of a case, if nobody changed it since {@code readVersion}: its status,
     * resolution and notes ({@code null}: unchanged). Returns the case as now stored.
     *
     * @throws ConflictException when it was changed since (by whom and when, said), nothing written
     */
    public Case update(String id, int readVersion, CaseStatus status, String resolution, String notes, String by) throws IOException, ConflictException {
        try {
            int n;
            try (PreparedStatement s = connection.prepareStatement("UPDATE cases SET status = COALESCE(?, status), resolution = COALESCE(?, resolution), "
                    + "notes = COALESCE(?, notes), changed_at = ?, changed_by = ?, version = version + 1 WHERE id = ? AND version = ?")) {
                s.setString(1, status == null ? null : status.id());
                s.setString(2, resolution);
                s.setString(3, notes);
                s.setObject(4, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
                s.setString(5, by);
                s.setString(6, id);
                s.setInt(7, readVersion);
                n = s.executeUpdate();
            }
            if (n == 0) {
                Case now = find(id).orElse(null);
                if (now == null) {
                    throw new IOException("no case " + id);
                }
                throw new ConflictException("case " + id + " was changed by " + (now.changedBy() == null ? "someone else" : now.changedBy()) + " at "
                        + now.changedAt() + " since you read it (your version " + readVersion + ", now " + now.version() + ", status " + now.status().id()
                        + "): nothing was saved; reload the case and make your change again");
            }
            return find(id).orElseThrow();
        } catch (SQLException e) {
            throw failure("change case " + id, e);
        }
    }

    /** Deletes a case; {@code false} when there was none (or this user may not see it). */
    public boolean delete(String id) throws IOException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM cases WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("delete case " + id, e);
        }
    }

    // ---- buckets

    /** The buckets, largest first (then by signature). */
    public List<Bucket> buckets() throws IOException {
        Map<String, List<Case>> groups = new LinkedHashMap<>();
        for (Case c : cases()) {
            groups.computeIfAbsent(c.bucket(), k -> new ArrayList<>()).add(c);
        }
        List<Bucket> out = new ArrayList<>();
        groups.forEach((sig, cs) -> out.add(bucketOf(sig, cs)));
        out.sort(Comparator.comparingInt(Bucket::count).reversed().thenComparing(Bucket::signature));
        return out;
    }

    /** The bucket of a signature, or {@code null} when no case is in it. */
    public Bucket bucket(String signature) throws IOException {
        String target = merges().getOrDefault(signature, signature);
        List<Case> cs = cases().stream().filter(c -> c.bucket().equals(target)).toList();
        return cs.isEmpty() ? null : bucketOf(target, cs);
    }

    private static Bucket bucketOf(String signature, List<Case> cs) {
        Set<String> kernels = new TreeSet<>();
        Set<String> machines = new HashSet<>();
        CaseStatus status = CaseStatus.NEW;
        Case solved = null;
        for (Case c : cs) {
            if (c.facts().release() != null) {
                kernels.add(c.facts().release());
            }
            machines.add(c.facts().machine() == null ? "" : c.facts().machine());
            if (c.status() == CaseStatus.SOLVED && (solved == null || c.changedAt().isAfter(solved.changedAt()))) {
                solved = c;
            }
            if (c.status().ordinal() > status.ordinal() && c.status() != CaseStatus.DUPLICATE) {
                status = c.status();
            }
        }
        Case first = cs.get(0);
        OffsetDateTime firstSeen = cs.stream().map(Case::firstSeen).min(Comparator.naturalOrder()).orElseThrow();
        OffsetDateTime lastSeen = cs.stream().map(Case::lastSeen).max(Comparator.naturalOrder()).orElseThrow();
        return new Bucket(signature, first.facts().title(), first.facts().kind(), cs.stream().map(Case::id).toList(), firstSeen, lastSeen,
                List.copyOf(kernels), machines.size(), status, solved);
    }

    /** Lists the cases of bucket {@code from} under {@code into} (a person's judgment that they are one bug). */
    public void merge(String from, String into) throws IOException {
        if (from.equals(into)) {
            return;
        }
        String target = merges().getOrDefault(into, into);
        if (target.equals(from)) {
            throw new IOException("cannot merge " + from + " into a bucket merged into it");
        }
        try {
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM bucket_merges WHERE signature = ?")) {
                s.setString(1, from);
                s.executeUpdate();
            }
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO bucket_merges (account, signature, into_signature, merged_at) VALUES (?,?,?,?)")) {
                s.setString(1, account);
                s.setString(2, from);
                s.setString(3, target);
                s.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                s.executeUpdate();
            }
            // what was merged into FROM follows it
            try (PreparedStatement s = connection.prepareStatement("UPDATE bucket_merges SET into_signature = ? WHERE into_signature = ?")) {
                s.setString(1, target);
                s.setString(2, from);
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure("merge the buckets", e);
        }
    }

    /** Undoes a merge: bucket {@code signature} is its own again. */
    public void unmerge(String signature) throws IOException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM bucket_merges WHERE signature = ?")) {
            s.setString(1, signature);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("unmerge the bucket", e);
        }
    }

    /**
     * Takes cases out of their bucket into a bucket of their own ({@code bucket}; {@code null}: back to
     * their signature's), as a person splits a bucket that holds two bugs. Checked against the versions read.
     */
    public void split(String caseId, int readVersion, String bucket, String by) throws IOException, ConflictException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE cases SET bucket_override = ?, changed_at = ?, changed_by = ?, version = version + 1 "
                + "WHERE id = ? AND version = ?")) {
            s.setString(1, bucket);
            s.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            s.setString(3, by);
            s.setString(4, caseId);
            s.setInt(5, readVersion);
            if (s.executeUpdate() == 0) {
                Case now = find(caseId).orElseThrow(() -> new IOException("no case " + caseId));
                throw new ConflictException("case " + caseId + " was changed by " + (now.changedBy() == null ? "someone else" : now.changedBy())
                        + " since you read it (your version " + readVersion + ", now " + now.version() + "): nothing was saved; reload and split again");
            }
        } catch (SQLException e) {
            throw failure("split the bucket", e);
        }
    }

    /** Bucket merges: merged signature to the bucket it is listed under. */
    public Map<String, String> merges() throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT signature, into_signature FROM bucket_merges")) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            throw failure("read the merges", e);
        }
        return out;
    }

    // ---- fingerprint rules and signature versions

    public List<FingerprintRule> rules() throws IOException {
        if (rules != null) {
            return rules;
        }
        List<FingerprintRule> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("SELECT id, kind_pattern, frame_pattern, fingerprint FROM fingerprint_rules ORDER BY created, id")) {
            while (r.next()) {
                try {
                    out.add(new FingerprintRule(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
                } catch (IllegalArgumentException e) {
                    // a rule another client wrote badly groups nothing
                }
            }
        } catch (SQLException e) {
            throw failure("read the fingerprint rules", e);
        }
        rules = List.copyOf(out);
        return rules;
    }

    /** Adds a custom fingerprint rule and regroups the cases by it; returns how many cases changed bucket. */
    public int addRule(FingerprintRule rule) throws IOException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO fingerprint_rules (account, id, kind_pattern, frame_pattern, fingerprint, created) VALUES (?,?,?,?,?,?)")) {
            s.setString(1, account);
            s.setString(2, rule.id());
            s.setString(3, rule.kindPattern());
            s.setString(4, rule.framePattern());
            s.setString(5, rule.fingerprint());
            s.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("add the fingerprint rule", e);
        }
        return regroup(true);
    }

    /** Removes a fingerprint rule and regroups; returns how many cases changed bucket. */
    public int removeRule(String id) throws IOException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM fingerprint_rules WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("remove the fingerprint rule", e);
        }
        return regroup(true);
    }

    /** Recomputes the signatures of cases grouped by an older version of the algorithm; returns how many changed. */
    public int regroup() throws IOException {
        return regroup(false);
    }

    private int regroup(boolean all) throws IOException {
        this.rules = null;
        List<FingerprintRule> rules = rules();
        int changed = 0;
        try (PreparedStatement s = connection.prepareStatement("UPDATE cases SET signature = ?, signature_version = ? WHERE id = ?")) {
            for (Case c : cases()) {
                if (!all && c.signatureVersion() == Signature.VERSION) {
                    continue;
                }
                String sig = Signature.of(c.facts(), rules);
                if (!sig.equals(c.signature()) || c.signatureVersion() != Signature.VERSION) {
                    s.setString(1, sig);
                    s.setInt(2, Signature.VERSION);
                    s.setString(3, c.id());
                    s.executeUpdate();
                    changed += sig.equals(c.signature()) ? 0 : 1;
                }
            }
        } catch (SQLException e) {
            throw failure("regroup the cases", e);
        }
        return changed;
    }

    // ---- known issues made from buckets

    /** Stores (or replaces) a known issue's rule text, made from the bucket {@code signature}. */
    public void putKnownIssue(String id, String signature, String ruleJson) throws IOException {
        try {
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM known_issues WHERE id = ?")) {
                s.setString(1, id);
                s.executeUpdate();
            }
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO known_issues (account, id, signature, rule_json, created) VALUES (?,?,?,?,?)")) {
                s.setString(1, account);
                s.setString(2, id);
                s.setString(3, signature);
                s.setString(4, ruleJson);
                s.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure("store the known issue", e);
        }
    }

    /** The known issues made from this library's buckets: id to rule text, by id. */
    public Map<String, String> knownIssues() throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT id, rule_json FROM known_issues")) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            throw failure("read the known issues", e);
        }
        return out;
    }

    // ---- similar cases

    /**
     * The bucket of a crash not yet added (its signature's, when a case has it) and the nearest
     * cases of the same kind by frame distance, one per bucket, at most {@code limit}, those 1 apart
     * (nothing in common) left out.
     */
    public Similar similar(CaseFacts facts, int limit) throws IOException {
        String signature = Signature.of(facts, rules());
        Map<String, String> merges = merges();
        String bucket = null;
        List<String> mine = Signature.fromGuilty(facts);
        Map<String, Similar.Near> best = new HashMap<>();
        // one row per distinct stack of a bucket (the database groups): the distance is computed once per stack, not per case
        try (PreparedStatement s = connection.prepareStatement("SELECT MIN(id), signature, bucket_override, guilty_frame, frames, mechanism FROM cases "
                + "WHERE kind = ? GROUP BY signature, bucket_override, guilty_frame, frames, mechanism")) {
            s.setString(1, facts.kind() == null ? "" : facts.kind());
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String sig = r.getString(2);
                    String override = r.getString(3);
                    String caseBucket = override != null ? override : merges.getOrDefault(sig, sig);
                    if (sig.equals(signature) && bucket == null) {
                        bucket = caseBucket;
                    }
                    if (!java.util.Objects.equals(r.getString(6), facts.mechanism())) {
                        continue;
                    }
                    String frames = r.getString(5);
                    double d = FrameDistance.between(mine, Signature.fromGuilty(r.getString(4), frames.isEmpty() ? List.of() : List.of(frames.split("\n"))));
                    Similar.Near old = best.get(caseBucket);
                    String id = r.getString(1);
                    if (d < 1.0 && (old == null || d < old.distance() || d == old.distance() && id.compareTo(old.caseId()) < 0)) {
                        best.put(caseBucket, new Similar.Near(id, sig, caseBucket, d));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("find similar cases", e);
        }
        List<Similar.Near> nearest = best.values().stream()
                .sorted(Comparator.comparingDouble(Similar.Near::distance).thenComparing(Similar.Near::caseId)).limit(limit).toList();
        return new Similar(signature, bucket, nearest);
    }

    // ---- plumbing

    private List<Case> query(String sql, Object... args) throws SQLException, IOException {
        Map<String, String> merges = sql.contains("bucket_merges") ? Map.of() : merges();
        List<Case> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(caseOf(r, merges));
                }
            }
        }
        return out;
    }

    private static Case caseOf(ResultSet r, Map<String, String> merges) throws SQLException {
        String frames = r.getString("frames");
        CaseFacts facts = new CaseFacts(r.getString("content_hash"), r.getString("file_path"), r.getString("kernel_release"), r.getString("arch"),
                r.getString("machine"), r.getString("kind"), r.getString("title"), r.getString("guilty_frame"),
                frames == null || frames.isEmpty() ? List.of() : List.of(frames.split("\n")), r.getString("mechanism"), r.getString("diagnosis"),
                r.getString("known_issue"), r.getBoolean("deliberate"));
        String signature = r.getString("signature");
        String override = r.getString("bucket_override");
        String bucket = override != null ? override : merges.getOrDefault(signature, signature);
        CaseStatus status = CaseStatus.ofId(r.getString("status"));
        return new Case(r.getString("id"), r.getString("account"), facts, signature, r.getInt("signature_version"), bucket,
                status == null ? CaseStatus.NEW : status, r.getString("resolution"), r.getString("notes"), time(r, "first_seen"), time(r, "last_seen"),
                r.getInt("seen_count"), time(r, "changed_at"), r.getString("changed_by"), r.getInt("version"));
    }

    private static OffsetDateTime time(ResultSet r, String column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The account the connected role works for ({@code analysts}; the first by name), else {@value #LOCAL}. */
    private String accountOfRole() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("SELECT account FROM analysts WHERE role_name = current_user ORDER BY account")) {
            return r.next() ? r.getString(1) : LOCAL;
        }
    }

    Connection connection() {
        return connection;
    }

    private static boolean duplicate(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("23505") || state.startsWith("23"));
    }

    private IOException failure(String what, SQLException e) {
        return new IOException("cannot " + what + " in the case library " + location() + ": " + message(e), e);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        // H2 appends its stack position and the SQL; the first line says it
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    private static String safeLocation(String location) {
        return location == null ? "?" : location.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a connection that failed: nothing to keep
        }
    }
}
