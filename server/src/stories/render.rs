//! Markdown to HTML, safely: pulldown-cmark renders, raw HTML in the source is shown as
//! text rather than interpreted, images are dropped (no requests to other sites), and
//! ammonia then cleans the result on a short allowlist. Links keep only http(s) targets
//! and get `rel="nofollow noopener noreferrer"`.

use std::{collections::HashSet, sync::LazyLock};

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::empty();
    builder
        .tags(HashSet::from([
            "p",
            "br",
            "em",
            "strong",
            "del",
            "a",
            "ul",
            "ol",
            "li",
            "blockquote",
            "code",
            "pre",
            "h3",
            "h4",
            "hr",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
        ]))
        .tag_attributes([("a", HashSet::from(["href"]))].into())
        .generic_attributes(HashSet::new())
        .url_schemes(HashSet::from(["http", "https"]))
        .url_relative(UrlRelative::Deny)
        .link_rel(Some("nofollow noopener noreferrer"))
        .strip_comments(true);
    builder
});

/// How deeply lists and quotes may nest in what a member writes. Real writing nests a few
/// levels; the renderer's work grows with the square of the depth (a 20,000-character body
/// of nested list markers took about a second), so hundreds of levels are refused.
pub const MAX_NESTING: usize = 32;

/// The most table cells a text may make. Every row of a table is as wide as its header,
/// so a header of 4,000 columns above 2,000 one-letter rows (20,000 characters in all)
/// rendered to 8 million cells, 72 MB of HTML and 200 ms of work. Real tables in a story
/// are a few columns by a few dozen rows.
pub const MAX_TABLE_CELLS: usize = 5_000;

/// Why `markdown` may not be rendered as it is, in words for its author; `None` when it
/// may. Checked before every render of what a member writes.
pub fn shape_problem(markdown: &str) -> Option<String> {
    if nesting(markdown) > MAX_NESTING {
        return Some(format!(
            "lists or quotes are nested more than {MAX_NESTING} deep; please flatten them."
        ));
    }
    if table_cells(markdown) > MAX_TABLE_CELLS {
        return Some(format!(
            "the tables would have more than {MAX_TABLE_CELLS} cells; please make them smaller."
        ));
    }
    None
}

/// How many cells `markdown`'s tables would make, each row counted as wide as its table:
/// a delimiter row (`|---|:-:|`, holding at least one `|`) opens a table of its width,
/// counted for itself and the header above it, and every line after it up to a blank one
/// is a row. One pass; it counts at least as many as the parser would build.
pub fn table_cells(markdown: &str) -> usize {
    let mut total = 0usize;
    let mut width = 0usize;
    for line in markdown.lines() {
        let line = line.trim();
        if line.is_empty() {
            width = 0;
        } else if let Some(columns) = delimiter_row(line) {
            width = columns;
            total = total.saturating_add(columns.saturating_mul(2));
        } else {
            total = total.saturating_add(width);
        }
    }
    total
}

/// The number of columns of a table's delimiter row, if `line` is one.
fn delimiter_row(line: &str) -> Option<usize> {
    let shaped = line.contains('|')
        && line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
    if !shaped {
        return None;
    }
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').count())
}

/// How deeply `markdown`'s lists and quotes nest, read line by line from the markers that
/// open them (`>`, `-`, `*`, `+`, `1.`, `1)`) and the indentation before each marker (two
/// spaces a level, as nested lists are written). It reads at least as deep as the parser
/// would build, and takes one pass over the text.
pub fn nesting(markdown: &str) -> usize {
    markdown.lines().map(line_nesting).max().unwrap_or(0)
}

fn line_nesting(line: &str) -> usize {
    let mut depth = 0;
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let indent: usize = rest[..rest.len() - trimmed.len()]
            .chars()
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        let after = trimmed.strip_prefix('>').or_else(|| list_marker(trimmed));
        match after {
            Some(after) => {
                depth += 1 + indent / 2;
                rest = after;
            }
            None => return depth,
        }
    }
}

/// The text after a list marker at the start of `text` (`-`, `*`, `+`, or up to nine
/// digits then `.` or `)`, followed by a space, a tab or the end of the line).
fn list_marker(text: &str) -> Option<&str> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let after = match digits {
        0 => text.strip_prefix(['-', '*', '+'])?,
        1..=9 => text[digits..].strip_prefix(['.', ')'])?,
        _ => return None,
    };
    (after.is_empty() || after.starts_with([' ', '\t'])).then_some(after)
}

fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES
}

/// Sanitised HTML for a Markdown text.
pub fn to_html(markdown: &str) -> String {
    let mut in_image = 0usize;
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        // Raw HTML is shown as the text it is, never interpreted.
        Event::Html(raw) | Event::InlineHtml(raw) => (in_image == 0).then_some(Event::Text(raw)),
        // Images would load from other sites: dropped with their alt text.
        Event::Start(Tag::Image { .. }) => {
            in_image += 1;
            None
        }
        Event::End(TagEnd::Image) => {
            in_image = in_image.saturating_sub(1);
            None
        }
        _ if in_image > 0 => None,
        // The page has its own h1 and h2: a story's headings start at h3.
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: level.max(HeadingLevel::H3).min(HeadingLevel::H4),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(
            level.max(HeadingLevel::H3).min(HeadingLevel::H4),
        ))),
        other => Some(other),
    });
    let mut rendered = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut rendered, events);
    CLEANER.clean(&rendered).to_string()
}

/// HTML from another forum, cleaned on the same allowlist as our own. Heading levels
/// other than h3/h4 and anything else not on the list are dropped, their text kept.
pub fn clean_html(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// The plain text of HTML, for an excerpt: tags dropped, the common entities decoded.
pub fn html_text(html: &str) -> String {
    let text = Builder::empty()
        .clean(&html.replace("</p>", "</p> "))
        .to_string();
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Up to `max` characters of the text, without Markdown, cut at a word, with "…" when cut.
pub fn excerpt(markdown: &str, max: usize) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
        if text.chars().count() > max {
            break;
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_renders_and_raw_html_is_text() {
        let html = to_html("Hello **there**\n\n<script>alert(1)</script>");
        assert!(html.contains("<strong>there</strong>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn links_are_http_only_and_carry_rel() {
        let html = to_html("[a](https://example.org) [b](javascript:alert(1)) [c](/local)");
        assert!(
            html.contains(
                r#"<a href="https://example.org" rel="nofollow noopener noreferrer">a</a>"#
            ),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("/local"), "{html}");
    }

    #[test]
    fn images_are_dropped_and_headings_start_at_h3() {
        let html = to_html("# Top\n\n![a cat](https://example.org/cat.png) after");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("a cat"), "{html}");
        assert!(html.contains("<h3>Top</h3>"), "{html}");
    }

    #[test]
    fn html_from_elsewhere_is_cleaned_again() {
        let html = clean_html(
            r#"<h1 onclick="x()">Hi</h1><p><a href="javascript:x">a</a><img src="https://t.example/p.png"></p>"#,
        );
        assert_eq!(
            html,
            "Hi<p><a rel=\"nofollow noopener noreferrer\">a</a></p>"
        );
        assert_eq!(
            html_text("<p>Tom &amp; Jerry</p><p>next</p>"),
            "Tom & Jerry next "
        );
    }

    #[test]
    fn nesting_reads_markers_and_the_indentation_before_them() {
        assert_eq!(nesting("Just a paragraph.\n\nAnother."), 0);
        assert_eq!(nesting("- one\n- two"), 1);
        assert_eq!(nesting("- a\n  - b\n    - c"), 3);
        assert_eq!(nesting("> quoted\n> > and again"), 2);
        assert_eq!(
            nesting("1. first\n2) second\n2025. a year is a marker too"),
            1
        );
        assert_eq!(nesting("- - - - x"), 4);
        // Indented text that is not a list is a code block, not nesting.
        assert_eq!(nesting(&format!("{}centred text", " ".repeat(80))), 0);
        assert_eq!(nesting("-dash without a space\n*emphasis*"), 0);
        let deep: String = "- ".repeat(5_000);
        assert_eq!(nesting(&deep), 5_000);
        let stairs: String = (0..100)
            .map(|i| format!("{}- step\n", "  ".repeat(i)))
            .collect();
        assert_eq!(nesting(&stairs), 100);
    }

    #[test]
    fn table_cells_count_every_row_as_wide_as_its_header() {
        assert_eq!(
            table_cells("| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\n"),
            8
        );
        // Rows end at a blank line; text after it is not a row.
        assert_eq!(table_cells("a|b|c\n-|-|-\nx\n\nplain text\n"), 9);
        // A thematic break or a setext underline holds no pipe: no table.
        assert_eq!(table_cells("Title\n---\nsome text\n- - -\nmore\n"), 0);
        let wide = format!(
            "{}|\n{}|\n{}",
            "|a".repeat(4_000),
            "|-".repeat(4_000),
            "a\n".repeat(10)
        );
        assert_eq!(table_cells(&wide), 4_000 * 12);
        assert!(shape_problem(&wide).is_some_and(|why| why.contains("cells")));
        // What it counts is at least what the renderer builds.
        let html = to_html("| a | b |\n|---|---|\n| 1 |\n| 3 | 4 | 5 |\n");
        assert_eq!(
            html.matches("<td>").count() + html.matches("<th>").count(),
            6
        );
        assert!(table_cells("| a | b |\n|---|---|\n| 1 |\n| 3 | 4 | 5 |\n") >= 6);
    }

    #[test]
    fn excerpt_cuts_at_a_word() {
        assert_eq!(excerpt("One *two* three", 50), "One two three");
        assert_eq!(excerpt("alpha beta gamma delta", 12), "alpha beta…");
    }
}
