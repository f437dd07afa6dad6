package org.crashscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

/** Transcript text never becomes a link in Markdown, also under GFM's autolinks. */
class MarkdownLinksTest {

    @Test
    void urlsWwwNamesAndAddressesStayText() {
        String text = "see https://evil.example/login?x=1 or www.github.com.evil.io, mail root@evil.example; ftp://x.example and [click](http://x.example)";
        String markdown = MarkdownWriter.inline(text);
        var extensions = List.of(AutolinkExtension.create(), TablesExtension.create());
        String html = HtmlRenderer.builder().extensions(extensions).build().render(Parser.builder().extensions(extensions).build().parse(markdown));
        assertTrue(!html.contains("<a "), html);
        assertEquals(text, org.jsoup.Jsoup.parse(html).text(), "and it reads as it was");
    }
}
