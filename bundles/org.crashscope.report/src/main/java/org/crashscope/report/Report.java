package org.crashscope.report;

import java.util.List;
import java.util.Set;

import org.crashscope.diagram.Diagram;
import org.crashscope.report.notes.Note;

/**
 * A report as data: a title and sections of blocks. Writers (HTML, Markdown) render blocks; new
 * analyses add sections through {@link ReportBuilder.Contributor}s without touching the writers.
 */
public record Report(String title, String file, String subtitle, List<Section> sections) {

    public record Section(String id, String title, List<Block> blocks) {
    }

    /** What a section is made of. Every string comes from the transcript or an analysis and is escaped by the writers. */
    public sealed interface Block permits Paragraph, Facts, Table, Figure, Excerpt, Steps, NoteBlock {
    }

    public record Paragraph(String text, boolean strong) implements Block {
    }

    /** Name/value rows. */
    public record Facts(List<List<String>> rows) implements Block {
    }

    /** A table; {@code highlighted} rows (0-based) are the ones an analyst must see (an anomaly, the trapping instruction). */
    public record Table(List<String> headers, List<List<String>> rows, Set<Integer> highlighted, boolean monospace) implements Block {
    }

    public record Figure(Diagram diagram, String caption) implements Block {
    }

    /** Transcript lines with their numbers; {@code marked} lines are the evidence. */
    public record Excerpt(int firstLine, List<String> lines, Set<Integer> marked, String caption) implements Block {
    }

    /** An ordered chain; each step may name its evidence lines and a command to run. */
    public record Steps(List<Step> steps) implements Block {
    }

    public record Step(String label, String text, String confidence, List<Integer> evidence, String nextCommand) {
    }

    public record NoteBlock(Note note) implements Block {
    }
}
