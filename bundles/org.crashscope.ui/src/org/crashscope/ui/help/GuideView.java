package org.crashscope.ui.help;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.notes.NotesView;
import org.crashscope.ui.views.BacktraceView;
import org.crashscope.ui.views.DiagnosisView;
import org.crashscope.ui.views.HardwareErrorsView;
import org.crashscope.ui.views.PageTableView;
import org.crashscope.ui.views.RegistersView;
import org.crashscope.ui.views.WalkView;

/**
 * The user guide, bundled with the product and shown in it: what the transcript in front holds
 * (which views have something to show, and what to run next), a welcome on the sample, then a
 * section per view. Help > User Guide (F1) opens it at the section of the active view.
 */
public final class GuideView extends org.crashscope.ui.views.TranscriptView {

    public static final String ID = "org.crashscope.ui.guideView";
    static final String GUIDE = "/guide/user-guide.txt";

    private StyledText text;
    private final Map<String, Integer> sections = new LinkedHashMap<>();

    @Override
    public void createPartControl(Composite parent) {
        text = new StyledText(parent, SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        text.setMargins(16, 12, 16, 12);
        text.setLineSpacing(3);
        render(load());
        followActiveTranscript();
    }

    private String shownAbout;

    /** The transcript in front: the guide starts with what it holds, in the words of the sections below. */
    @Override
    protected void show(org.crashscope.presentation.Presentation p) {
        String about = p == null ? null : about(p);
        if (text.isDisposed() || java.util.Objects.equals(about, shownAbout)) {
            return;
        }
        shownAbout = about;
        sections.clear();
        render(about == null ? load() : about + load());
    }

    /** A section on the open transcript: its crash, its diagnosis, what each view shows of it, and the commands that would add more. */
    static String about(org.crashscope.presentation.Presentation p) {
        StringBuilder b = new StringBuilder("# This transcript: ").append(p.name()).append(" {current}\n");
        b.append(p.status()).append(".\n");
        if (p.crash() != null) {
            b.append("- The crash: ").append(p.crash().headline()).append(" (").append(p.crash().kind()).append(": ").append(p.crash().meaning())
                    .append("), line ").append(p.crash().line()).append(p.crash().guiltyFrame() == null ? "" : "; blamed on " + p.crash().guiltyFrame())
                    .append(".\n");
        }
        var top = p.topIssue();
        b.append("- Diagnosis: ").append(top == null ? "no known issue matches; the evidence chain has " + p.steps().size() + " steps"
                : top.what() + " \"" + top.name() + "\", " + Math.round(top.confidence() * 100) + "% of its symptoms hold").append(".\n");
        long gaps = p.steps().stream().filter(org.crashscope.presentation.Step::isGap).count();
        if (gaps > 0) {
            b.append("- Missing evidence: ").append(gaps).append(gaps == 1 ? " step names" : " steps name").append(" the crash command that would supply it: ")
                    .append(String.join("; ", p.steps().stream().filter(org.crashscope.presentation.Step::isGap).map(s -> s.nextCommand()).distinct().toList()))
                    .append(".\n");
        }
        long anomalies = p.paging().tables().stream().mapToLong(t -> t.anomalies().size()).sum();
        b.append("- Page Table: ").append(p.paging().tables().isEmpty() ? "no table dumped (rd -p TABLE 512 dumps one)"
                : p.paging().tables().size() + " table(s) dumped, " + anomalies + " entr" + (anomalies == 1 ? "y breaks" : "ies break") + " a run").append(".\n");
        b.append("- Walk: ").append(p.paging().walks().isEmpty() ? "no vtop in this transcript" : p.paging().walks().size() + " vtop walk(s)").append(".\n");
        b.append("- Backtrace: ").append(p.traces().size()).append(" trace(s), ").append(p.labelledWords())
                .append(" stack words labelled").append(p.fault() == null ? "" : "; the faulting instruction is decoded").append(".\n");
        b.append("- Registers: ").append(p.faultRegisters().rows().isEmpty() ? "none printed" : "of the " + p.faultRegisters().where()).append(".\n");
        b.append("- Hardware Errors: ").append(p.hardwareEvidence().size()).append(" record(s).\n");
        b.append("The sections below explain each view with the bundled sample's numbers.\n\n");
        return b.toString();
    }

    private static String load() {
        try (InputStream in = GuideView.class.getResourceAsStream(GUIDE)) {
            return in == null ? "# User guide\nThe guide is missing from this build." : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "# User guide\nThe guide cannot be read: " + e.getMessage();
        }
    }

    /** Headings ({@code # Title {id}}) in bold and larger, bullets indented, the rest as paragraphs. */
    private void render(String guide) {
        StringBuilder out = new StringBuilder();
        List<StyleRange> styles = new ArrayList<>();
        var heading = JFaceResources.getHeaderFont();
        for (String line : guide.split("\n", -1)) {
            if (line.startsWith("# ")) {
                String title = line.substring(2);
                int brace = title.lastIndexOf(" {");
                if (brace > 0 && title.endsWith("}")) {
                    sections.put(title.substring(brace + 2, title.length() - 1), out.length());
                    title = title.substring(0, brace);
                }
                if (out.length() > 0) {
                    out.append('\n');
                }
                StyleRange style = new StyleRange(out.length(), title.length(), null, null, SWT.BOLD);
                style.font = heading;
                styles.add(style);
                out.append(title).append('\n');
            } else if (line.startsWith("- ")) {
                out.append("  \u2022 ").append(line.substring(2)).append('\n');
            } else {
                out.append(line).append('\n');
            }
        }
        text.setText(out.toString());
        text.setStyleRanges(styles.toArray(StyleRange[]::new));
    }

    /** Scrolls to a section ({@code welcome}, {@code diagnosis}, ...); returns whether there is one. */
    public boolean showSection(String id) {
        Integer offset = sections.get(id);
        if (offset == null) {
            return false;
        }
        text.setTopIndex(text.getLineAtOffset(offset));
        return true;
    }

    /** The section ids, in order. */
    public List<String> sections() {
        return List.copyOf(sections.keySet());
    }

    /** The rendered text, for tests. */
    public String text() {
        return text.getText();
    }

    /** The guide section of a part, or {@code welcome}. */
    static String sectionOf(String partId) {
        return switch (partId == null ? "" : partId) {
            case TranscriptEditor.ID -> "editor";
            case DiagnosisView.ID -> "diagnosis";
            case HardwareErrorsView.ID -> "hardware";
            case PageTableView.ID -> "pagetable";
            case WalkView.ID -> "walk";
            case BacktraceView.ID -> "backtrace";
            case RegistersView.ID -> "registers";
            case NotesView.ID -> "notes";
            case "org.eclipse.ui.views.ContentOutline" -> "outline";
            case "org.eclipse.ui.views.ProblemView" -> "problems";
            default -> "welcome";
        };
    }

    /** Shows the guide in {@code page} at {@code section}. */
    public static GuideView open(IWorkbenchPage page, String section) throws PartInitException {
        IViewPart view = page.showView(ID);
        GuideView guide = (GuideView) view;
        guide.showSection(section);
        return guide;
    }

    @Override
    public void setFocus() {
        text.setFocus();
    }
}
