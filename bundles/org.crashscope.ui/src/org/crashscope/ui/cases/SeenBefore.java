package org.crashscope.ui.cases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.crashscope.presentation.TranscriptSession;
import org.crashscope.library.Bucket;
import org.crashscope.library.Case;
import org.crashscope.library.CaseFacts;
import org.crashscope.library.CaseLibrary;
import org.crashscope.ui.editor.Transcripts;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Link;
import org.eclipse.ui.PlatformUI;

/**
 * The "seen before" line of the Diagnosis view: records the shown transcript as a case (when
 * recording is on) and says what the library knows of its bucket: "Seen N times since DATE on K
 * machines, kernels ...; solved on DATE: RESOLUTION (case ...)", each case a link that opens its
 * file. The library is read in a job, never on the UI thread.
 */
public final class SeenBefore {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    /** How long after a transcript is shown the library is asked. */
    static final long DELAY_MS = 1500;
    private static final java.util.Set<String> RECORDED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Link link;
    private final AtomicLong generation = new AtomicLong();
    private volatile Case current;

    public SeenBefore(Composite parent) {
        link = new Link(parent, SWT.WRAP);
        link.setText("");
        link.addListener(SWT.Selection, e -> openCase(e.text));
    }

    public Link control() {
        return link;
    }

    /** The text shown (for tests). */
    public String text() {
        return link.isDisposed() ? "" : link.getText();
    }

    /** The case of the transcript shown, once recorded or found. */
    public Case currentCase() {
        return current;
    }

    /** Shows what the library knows of the analysis of {@code session} of {@code file} (recorded first when recording is on). */
    public void show(Path file, TranscriptSession session) {
        long mine = generation.incrementAndGet();
        current = null;

        if (file == null || session == null || session.presentationIfDone() == null || !Files.isRegularFile(file)) {
            set(mine, "");
            return;
        }
        Job job = Job.create("Case library", (IProgressMonitor monitor) -> {
            try {
                CaseFacts facts = CaseFacts.of(session.analysis(), file.toAbsolutePath().normalize().toString(), CaseFacts.hash(file));
                try (CaseLibrary library = CaseLibraries.open()) {
                    // a file is recorded once per workbench session: showing it again is not seeing it again
                    boolean record = CaseLibraries.recording() && RECORDED.add(library.location() + " " + facts.contentHash());
                    Case c = record ? library.add(facts) : library.find(Case.idOf(facts.contentHash())).orElse(null);
                    String bucketName = c != null ? c.bucket() : library.similar(facts, 1).bucket();
                    Bucket bucket = bucketName == null ? null : library.bucket(bucketName);
                    current = c;
                    set(mine, words(bucket, c));
                }
            } catch (IOException | RuntimeException e) {
                set(mine, "Case library: " + e.getMessage());
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        // after the opening's own work, and below it: hashing a large file and opening the library never compete with the UI
        job.setPriority(Job.DECORATE);
        job.schedule(DELAY_MS);
    }

    /** The sentence, with links ({@code <a href="ID">ID</a>}) to the cases it names. */
    static String words(Bucket bucket, Case self) {
        if (bucket == null) {
            return "Not seen before: a crash the case library has no bucket for.";
        }
        int others = bucket.count() - (self != null && bucket.caseIds().contains(self.id()) ? 1 : 0);
        StringBuilder b = new StringBuilder();
        if (others == 0) {
            b.append("First of its bucket in the case library");
        } else {
            b.append("Seen ").append(others).append(others == 1 ? " time" : " times").append(" before, since ").append(DAY.format(bucket.firstSeen()))
                    .append(", on ").append(bucket.machines()).append(bucket.machines() == 1 ? " machine" : " machines");
            if (!bucket.kernels().isEmpty()) {
                b.append(", kernels ").append(String.join(", ", bucket.kernels()));
            }
            b.append(" (cases");
            bucket.caseIds().stream().filter(id -> self == null || !id.equals(self.id())).limit(5).forEach(id -> b.append(" <a href=\"").append(id).append("\">")
                    .append(id).append("</a>"));
            b.append(others > 5 ? " ...)" : ")");
        }
        if (bucket.solved() != null) {
            Case s = bucket.solved();
            b.append("; solved on ").append(DAY.format(s.changedAt())).append(": ")
                    .append(escape(s.resolution() == null ? "(no resolution written)" : s.resolution().strip().lines().findFirst().orElse("")))
                    .append(" (case <a href=\"").append(s.id()).append("\">").append(s.id()).append("</a>)");
        } else {
            b.append("; status ").append(bucket.status().id());
        }
        return b.append('.').toString();
    }

    private static String escape(String text) {
        // a Link reads <a> tags and & mnemonics: text from people is shown as it is
        return text.replace("&", "&&").replace("<", "\u2039").replace(">", "\u203a");
    }

    private void set(long mine, String text) {
        if (link.isDisposed()) {
            return;
        }
        link.getDisplay().asyncExec(() -> {
            if (!link.isDisposed() && generation.get() == mine) {
                link.setText(text);
                link.getParent().layout(true, true);
            }
        });
    }

    private void openCase(String id) {
        Job.create("Open case " + id, (IProgressMonitor monitor) -> {
            try (CaseLibrary library = CaseLibraries.open()) {
                Case c = library.find(id).orElse(null);
                if (c != null && c.facts().file() != null && Files.isRegularFile(Path.of(c.facts().file()))) {
                    link.getDisplay().asyncExec(() -> Transcripts.open(PlatformUI.getWorkbench().getActiveWorkbenchWindow(), Path.of(c.facts().file())));
                }
            } catch (IOException | RuntimeException e) {
                // the case's file moved or the library is gone: nothing to open
            }
            return Status.OK_STATUS;
        }).schedule();
    }
}
