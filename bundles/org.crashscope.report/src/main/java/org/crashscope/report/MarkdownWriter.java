package org.crashscope.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a report as GitHub/GitLab-flavoured Markdown: tables, an ordered evidence chain, fenced
 * excerpts with line numbers. Values are escaped so that no transcript text becomes markup or HTML.
 */
public final class MarkdownWriter {

    private MarkdownWriter() {
    }

    public static String write(Report report) {
        StringBuilder m = new StringBuilder();
        m.append("# ").append(inline(report.title())).append("\n\n_").append(inline(report.subtitle())).append("_\n");
        for (Report.Section s : report.sections()) {
            m.append("\n## ").append(inline(s.title())).append("\n\n");
            s.blocks().forEach(b -> block(m, b));
        }
        return m.append("\n---\nWritten by Crashscope; line numbers refer to the transcript.\n").toString();
    }

    private static void block(StringBuilder m, Report.Block block) {
        switch (block) {
            case Report.Paragraph p -> m.append(p.strong() ? "**" + inline(p.text()) + "**" : inline(p.text())).append("\n\n");
            case Report.Facts f -> {
                m.append("| | |\n|---|---|\n");
                f.rows().forEach(r -> m.append("| **").append(cell(r.get(0))).append("** | ").append(cell(r.get(1))).append(" |\n"));
                m.append('\n');
            }
            case Report.Table t -> {
                m.append('|');
                t.headers().forEach(x -> m.append(' ').append(cell(x)).append(" |"));
                m.append("\n|");
                t.headers().forEach(x -> m.append("---|"));
                m.append('\n');
                for (int i = 0; i < t.rows().size(); i++) {
                    boolean hl = t.highlighted().contains(i);
                    m.append('|');
                    for (String x : t.rows().get(i)) {
                        String c = t.monospace() && !x.isEmpty() ? code(x) : cell(x);
                        m.append(' ').append(hl && !x.isEmpty() ? "**" + c + "**" : c).append(" |");
                    }
                    m.append('\n');
                }
                m.append('\n');
            }
            case Report.Figure f -> m.append("_Figure: ").append(inline(f.caption())).append(" (in the HTML report)_\n\n");
            case Report.Excerpt e -> {
                m.append("```text\n");
                for (int i = 0; i < e.lines().size(); i++) {
                    int line = e.firstLine() + i;
                    m.append(String.format("%s%5d  %s%n", e.marked().contains(line) ? ">" : " ", line, e.lines().get(i).replace("```", "`\u200b``")));
                }
                m.append("```\n\n");
            }
            case Report.Steps s -> {
                int n = 1;
                for (Report.Step step : s.steps()) {
                    m.append(n++).append(". ").append(step.nextCommand() != null ? "**missing:** " : "").append(inline(step.text())).append(" _(")
                            .append(inline(step.confidence())).append(step.evidence().isEmpty() ? "" : "; lines " + HtmlWriter.join(step.evidence()))
                            .append(")_");
                    if (step.nextCommand() != null) {
                        m.append(" next: ").append(code("crash> " + step.nextCommand()));
                    }
                    m.append('\n');
                }
                m.append('\n');
            }
            case Report.NoteBlock n -> m.append("> **Lines ").append(n.note().firstLine()).append('-').append(n.note().lastLine()).append(":** ")
                    .append(inline(n.note().text()).replace("\n", "\n> ")).append("\n\n");
        }
    }

    /**
     * Text that stays text: the characters that make emphasis, code, links, tables or HTML are
     * escaped everywhere, and those that start a heading, list or quote are escaped at the start
     * of a line; a URL, a {@code www.} name or an e-mail address is shown as code, so that nothing
     * makes a link of it (GFM's autolinks included). Kernel text keeps its dots and dashes readable.
     */
    static String inline(String text) {
        return inline(text, true);
    }

    /** @param blockStart whether the text starts a block (a paragraph can open a list or heading; a table cell cannot) */
    static String inline(String text, boolean blockStart) {
        if (text == null) {
            return "";
        }
        // a URL, a www. name or an e-mail address in transcript text is shown as code: no Markdown makes a link of that
        Matcher link = LINKISH.matcher(text);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (link.find()) {
            out.append(escape(text.substring(at, link.start()), at == 0 ? blockStart : text.charAt(at - 1) == '\n'));
            out.append(code(link.group()));
            at = link.end();
        }
        out.append(escape(text.substring(at), at == 0 ? blockStart : text.charAt(at - 1) == '\n'));
        return out.toString();
    }

    private static final Pattern LINKISH = Pattern.compile("[^\\s`]*(?:[A-Za-z][A-Za-z0-9+.-]*://|(?<![A-Za-z0-9])www\\.|[A-Za-z0-9._%+-]@[A-Za-z0-9-])[^\\s`]*");

    private static String escape(String text, boolean atLineStart) {
        StringBuilder out = new StringBuilder();
        boolean lineStart = atLineStart;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            if (c == '<' && (Character.isLetter(next) || "/!?".indexOf(next) >= 0) || c == '>' && lineStart
                    || c == '&' && text.substring(i).matches("(?s)&#?[A-Za-z0-9]+;.*")) {
                // only what would start a tag, a quote or an entity: AT&T and 1 < 2 stay as they are
                out.append(c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&amp;");
            } else if (needsEscape(text, i, lineStart)) {
                out.append('\\').append(c);
            } else if (lineStart && Character.isDigit(c) && text.substring(i).matches("(?s)\\d+[.)].*")) {
                int end = i;
                while (Character.isDigit(text.charAt(end))) {
                    end++;
                }
                out.append(text, i, end).append('\\');
                i = end - 1;
            } else if (c >= 0x20 || c == '\n') {
                out.append(c);
            }
            lineStart = c == '\n' || lineStart && c == ' ';
        }
        return out.toString();
    }

    /**
     * Whether the character at {@code i} would be read as Markdown: backslashes, backticks, stars
     * and pipes always; an underscore only at a word's edge (inside a word it never emphasises, so
     * {@code gup_pgd_range} stays as the kernel wrote it); {@code ]} only before {@code ( [ :} (a
     * link), {@code [} at a line's start (a link definition), {@code ~} only doubled; heading,
     * list and quote marks at a line's start.
     */
    private static boolean needsEscape(String text, int i, boolean lineStart) {
        char c = text.charAt(i);
        char before = i == 0 ? ' ' : text.charAt(i - 1);
        char after = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        return switch (c) {
            case '\\', '`', '*', '|' -> true;
            case '_' -> !Character.isLetterOrDigit(before) || !Character.isLetterOrDigit(after);
            case ']' -> after == '(' || after == '[' || after == ':';
            case '[' -> lineStart;
            case '~' -> after == '~' || before == '~';
            case '#', '+', '-', '=' -> lineStart;
            default -> false;
        };
    }

    private static String cell(String text) {
        return inline(text, false).replace("\n", " ");
    }

    /** Inline code that cannot be broken out of: a fence longer than any backtick run inside. */
    private static String code(String text) {
        String clean = text.replaceAll("[\\x00-\\x1f]", " ").replace("|", "\\|");
        String fence = "`";
        while (clean.contains(fence)) {
            fence += "`";
        }
        return fence + (clean.startsWith("`") || clean.endsWith("`") ? " " + clean + " " : clean) + fence;
    }
}
