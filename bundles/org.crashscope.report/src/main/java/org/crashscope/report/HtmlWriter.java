package org.crashscope.report;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.diagram.SvgWriter;

/**
 * Writes a report as one self-contained HTML file: inline CSS and SVG, no script, no external
 * resource (a Content-Security-Policy forbids both), every value from the transcript escaped.
 */
public final class HtmlWriter {

    private static final String CSS = """
            :root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --head: #f6f8fa; --red: #dc2626; --redbg: #fee2e2; --amber: #fef3c7; }
            * { box-sizing: border-box; }
            body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink); margin: 0; background: #fff; }
            header { padding: 24px 40px 16px; border-bottom: 1px solid var(--line); background: var(--head); }
            header h1 { margin: 0; font-size: 22px; }
            header p { margin: 4px 0 0; color: var(--muted); }
            main { padding: 8px 40px 40px; max-width: 1280px; }
            section { margin-top: 28px; }
            h2 { font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
            p.strong { font-weight: 600; }
            table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
            th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
            th { background: var(--head); }
            table.mono td { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
            tr.hl td { background: var(--redbg); font-weight: 600; }
            table.facts th { width: 190px; }
            ol.chain { padding-left: 22px; }
            ol.chain li { margin: 6px 0; }
            .conf { color: var(--muted); font-size: 12px; margin-left: 6px; }
            .lines { color: var(--muted); font-size: 12px; }
            .gap { background: var(--amber); padding: 2px 6px; border-radius: 4px; }
            code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
            figure { margin: 12px 0 20px; overflow-x: auto; }
            figcaption { color: var(--muted); font-size: 12px; }
            pre.excerpt { background: var(--head); border: 1px solid var(--line); padding: 8px 0; overflow-x: auto; }
            pre.excerpt span { display: block; padding: 0 12px; white-space: pre; }
            pre.excerpt span.mark { background: var(--amber); }
            pre.excerpt a.back { text-decoration: none; color: var(--muted); }
            a { color: #1d4ed8; }
            :target { outline: 2px solid #3b82f6; }
            pre.excerpt i { color: var(--muted); font-style: normal; display: inline-block; width: 5em; }
            .note { border-left: 4px solid #3b82f6; background: #eff6ff; padding: 6px 12px; margin: 8px 0; white-space: pre-wrap; }
            footer { color: var(--muted); font-size: 12px; padding: 0 40px 24px; }
            """;

    private HtmlWriter() {
    }

    public static String write(Report report) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").append(esc(report.title())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<header><h1>").append(esc(report.title())).append("</h1><p>")
                .append(esc(report.subtitle())).append("</p></header>\n<main>\n");
        Citations cites = new Citations(report);
        for (Report.Section s : report.sections()) {
            h.append("<section id=\"").append(esc(s.id())).append("\">\n<h2>").append(esc(s.title())).append("</h2>\n");
            s.blocks().forEach(b -> block(h, b, cites));
            h.append("</section>\n");
        }
        h.append("</main>\n<footer>Written by Crashscope. Every value above comes from the transcript; line numbers refer to it.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    /**
     * Citations as links: "line N", "lines N, M" and "lines N-M" in the text become links to those
     * lines in the report's excerpts (when they are there), and each cited excerpt line links back
     * to its first citation.
     */
    private static final class Citations {
        private static final Pattern CITED = Pattern.compile("(?i)\\b(lines?) (\\d+(?:(?:, |-| and )\\d+)*)");
        private static final Pattern NUMBER = Pattern.compile("\\d+");
        private final Set<Integer> anchored = new HashSet<>();
        private final Map<Integer, String> first = new HashMap<>();
        private int count;

        Citations(Report report) {
            for (Report.Section s : report.sections()) {
                for (Report.Block b : s.blocks()) {
                    if (b instanceof Report.Excerpt e) {
                        for (int i = 0; i < e.lines().size(); i++) {
                            anchored.add(e.firstLine() + i);
                        }
                    }
                }
            }
        }

        /** {@code text} escaped, its citations linked. */
        String linked(String text) {
            String escaped = esc(text);
            Matcher m = CITED.matcher(escaped);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                Matcher n = NUMBER.matcher(m.group(2));
                StringBuilder numbers = new StringBuilder();
                int at = 0;
                while (n.find()) {
                    numbers.append(m.group(2), at, n.start());
                    int line = Integer.parseInt(n.group());
                    if (anchored.contains(line)) {
                        String id = "c" + (++count);
                        first.putIfAbsent(line, id);
                        numbers.append("<a href=\"#L").append(line).append("\" id=\"").append(id).append("\">").append(line).append("</a>");
                    } else {
                        numbers.append(n.group());
                    }
                    at = n.end();
                }
                numbers.append(m.group(2).substring(at));
                m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + " " + numbers));
            }
            m.appendTail(out);
            return out.toString();
        }

        /** The first citation of {@code line}, or {@code null}. */
        String back(int line) {
            return first.get(line);
        }
    }

    private static void block(StringBuilder h, Report.Block block, Citations cites) {
        switch (block) {
            case Report.Paragraph p -> h.append(p.strong() ? "<p class=\"strong\">" : "<p>").append(cites.linked(p.text())).append("</p>\n");
            case Report.Facts f -> {
                h.append("<table class=\"facts\">\n");
                f.rows().forEach(r -> h.append("<tr><th>").append(esc(r.get(0))).append("</th><td>").append(cites.linked(r.get(1))).append("</td></tr>\n"));
                h.append("</table>\n");
            }
            case Report.Table t -> {
                h.append(t.monospace() ? "<table class=\"mono\">\n<tr>" : "<table>\n<tr>");
                t.headers().forEach(x -> h.append("<th>").append(esc(x)).append("</th>"));
                h.append("</tr>\n");
                for (int i = 0; i < t.rows().size(); i++) {
                    h.append(t.highlighted().contains(i) ? "<tr class=\"hl\">" : "<tr>");
                    t.rows().get(i).forEach(x -> h.append("<td>").append(cites.linked(x)).append("</td>"));
                    h.append("</tr>\n");
                }
                h.append("</table>\n");
            }
            case Report.Figure f -> h.append("<figure>\n").append(SvgWriter.write(f.diagram())).append("<figcaption>").append(esc(f.caption()))
                    .append("</figcaption>\n</figure>\n");
            case Report.Excerpt e -> {
                h.append("<pre class=\"excerpt\" aria-label=\"").append(esc(e.caption())).append("\">");
                for (int i = 0; i < e.lines().size(); i++) {
                    int line = e.firstLine() + i;
                    String back = cites.back(line);
                    h.append(e.marked().contains(line) ? "<span class=\"mark\" id=\"L" : "<span id=\"L").append(line).append("\"><i>").append(line).append("</i>")
                            .append(esc(e.lines().get(i))).append(back == null ? "" : " <a class=\"back\" href=\"#" + back + "\" title=\"where it is cited\">\u21a9</a>")
                            .append("</span>");
                }
                h.append("</pre>\n");
            }
            case Report.Steps s -> {
                h.append("<ol class=\"chain\">\n");
                for (Report.Step step : s.steps()) {
                    h.append("<li>").append(step.nextCommand() != null ? "<span class=\"gap\">missing</span> " : "").append(cites.linked(step.text()))
                            .append("<span class=\"conf\">").append(esc(step.confidence())).append("</span>");
                    if (!step.evidence().isEmpty()) {
                        h.append(" <span class=\"lines\">(").append(cites.linked("lines " + join(step.evidence()))).append(")</span>");
                    }
                    if (step.nextCommand() != null) {
                        h.append("<br>next: <code>crash&gt; ").append(esc(step.nextCommand())).append("</code>");
                    }
                    h.append("</li>\n");
                }
                h.append("</ol>\n");
            }
            case Report.NoteBlock n -> h.append("<div class=\"note\"><b>").append(cites.linked("lines " + n.note().firstLine() + "-" + n.note().lastLine()))
                    .append(n.note().target() == null ? "" : ", " + esc(n.note().target())).append(":</b> ").append(esc(n.note().text())).append("</div>\n");
        }
    }

    static String join(List<Integer> lines) {
        return String.join(", ", lines.stream().map(String::valueOf).toList());
    }

    /** Escapes text for HTML element content and attribute values; drops control characters, joins lines. */
    public static String esc(String text) {
        return text == null ? "" : SvgWriter.escape(text).replace('\n', ' ');
    }
}
