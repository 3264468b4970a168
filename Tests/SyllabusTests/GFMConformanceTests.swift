import Foundation
import XCTest

/// Every GFM construct, written by us (Tests/Fixtures/gfm), through a whole build: load,
/// parse, typeset, render, write. Each expectation is what github.com shows for that input.
final class GFMConformanceTests: XCTestCase {
  private func build(allowRawHTML: Bool) throws -> String {
    let dir = try TestSupport.copyFixture("gfm")
    let guide = dir.appendingPathComponent("content/guide.yml")
    if !allowRawHTML {
      let yaml = try String(contentsOf: guide, encoding: .utf8).replacingOccurrences(of: "allow_raw_html: true", with: "allow_raw_html: false")
      try yaml.write(to: guide, atomically: true, encoding: .utf8)
    }
    let run = try TestSupport.run(["build", "--templates", TestSupport.templates.path, "--output", "public", "--strict"], in: dir)
    XCTAssertEqual(run.status, 0, run.stderr)
    let page = try String(contentsOf: dir.appendingPathComponent("public/topics/gfm.html"), encoding: .utf8)
    // The chapter's body only: the frame around it has its own <title> and <script>s.
    guard let start = page.range(of: "<div class=\"prose\">"), let end = page.range(of: "<script src=\"../assets/practice-data.js\"")
    else { return "" }
    return String(page[start.lowerBound..<end.lowerBound])
  }

  private static let blocks = [
    "ATX heading": "<h1 id=\"level-one\">\nLevel one\n",
    "setext heading": "<h2 id=\"setext-second\">\nSetext second\n",
    "thematic break": "<p>Rule below</p>\n<hr />\n",
    "indented code": "<pre tabindex=\"0\"><code>indented code &lt;kept&gt;\n</code></pre>",
    "fenced code": "<code class=\"language-ruby\">puts <span class=\"hljs-number\">1</span>\n</code>",
    "reference link": "<a href=\"https://example.org/ref\" title=\"Ref title\">reference</a>",
    "inline link and image": "<a href=\"https://example.org/in\">inline</a> link and <img src=\"chart.png\" alt=\"a chart\" />",
    "block quote": "<blockquote>\n<p>quoted line</p>\n</blockquote>",
    "bullet list": "<ul>\n<li>bullet one</li>\n<li>bullet two</li>\n</ul>",
    "ordered list with start": "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>",
    "task list": "<li><input type=\"checkbox\" disabled=\"\" /> open task</li>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done task</li>",
    "table with alignment": "<th align=\"left\">Model</th>\n<th align=\"right\">Params</th>",
    "table body": "<td align=\"left\">tiny</td>\n<td align=\"right\">10M</td>",
    "escapes and entities": "<p>Escapes: *not emphasis* and &amp; © #.</p>",
    "code span, emphasis, strikethrough": "<code>code</code>, <em>em</em>, <strong>strong</strong>, <del>single</del>, <del>double</del>.",
    "autolinks": "<a href=\"https://example.org/auto\">https://example.org/auto</a>, <a href=\"http://www.example.com\">www.example.com</a> and <a href=\"https://example.net/x\">https://example.net/x</a>.",
    "hard and soft breaks": "backslash<br />\nnext line, and two spaces<br />\nnext line, soft\nbreak.",
    "footnote reference": "<sup class=\"footnote-ref\"><a href=\"#fn-n\" id=\"fnref-n\" data-footnote-ref>1</a></sup>",
    "footnote": "<li id=\"fn-n\">\n<p>The note. <a href=\"#fnref-n\" class=\"footnote-backref\"",
  ]

  func testEveryConstructRendersAsOnGitHub() throws {
    let html = try build(allowRawHTML: true)
    for (name, expected) in Self.blocks.sorted(by: { $0.key < $1.key }) {
      XCTAssertTrue(html.contains(expected), "\(name): expected \(expected)")
    }
  }

  func testRawHTMLPassesWithGitHubsTagFilter() throws {
    let html = try build(allowRawHTML: true)
    XCTAssertTrue(html.contains("<div class=\"note\">block of html</div>"))
    XCTAssertTrue(html.contains("Raw inline <kbd>Ctrl</kbd>"))
    for tag in ["script", "iframe", "style", "textarea", "title", "xmp", "noembed", "noframes", "plaintext"] {
      XCTAssertTrue(html.contains("&lt;\(tag)"), "<\(tag)> is escaped, as on GitHub")
      XCTAssertFalse(html.contains("<\(tag)>") || html.contains("<\(tag) "), "<\(tag)> never reaches the page")
    }
  }

  func testRawHTMLIsTextWhenNotAllowed() throws {
    let html = try build(allowRawHTML: false)
    XCTAssertTrue(html.contains("Raw inline &lt;kbd&gt;Ctrl&lt;/kbd&gt;"))
    XCTAssertTrue(html.contains("&lt;div class=&quot;note&quot;&gt;block of html&lt;/div&gt;"))
    XCTAssertTrue(html.contains("<del>single</del>"))
  }
}
