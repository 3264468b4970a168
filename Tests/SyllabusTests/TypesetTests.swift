import Foundation
import XCTest

/// Math and code typeset at build time, end to end through the binary: the fixture guide
/// under Tests/Fixtures/typeset, and what happens on a machine without Node.
final class TypesetTests: XCTestCase {
  private static let page = "topics/formulas.html"

  private func buildFixture() throws -> URL {
    let dir = TestSupport.fixtures.appendingPathComponent("typeset")
    let output = try TestSupport.temporaryDirectory().appendingPathComponent("public")
    let run = try TestSupport.run(["build", "--templates", TestSupport.templates.path, "--output", output.path, "--strict"], in: dir)
    XCTAssertEqual(run.status, 0, run.stderr)
    return output
  }

  /// The chapter's Markdown body as rendered (up to the practice scripts every chapter loads).
  private func prose(_ html: String) -> String {
    guard let start = html.range(of: "<div class=\"prose\">"), let end = html.range(of: "<script src=\"../assets/practice-data.js\"")
    else { return "" }
    return String(html[start.lowerBound..<end.lowerBound])
  }

  private func removing(_ pattern: String, from text: String) -> String {
    text.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
  }

  func testEveryMathShapeBecomesKaTeXWithMathML() throws {
    let output = try buildFixture()
    let body = prose(try String(contentsOf: output.appendingPathComponent(Self.page), encoding: .utf8))
    // $…$, $`…`$, $$…$$ in a paragraph, $$ on its own lines, ```math, $…$ in a quote.
    XCTAssertEqual(body.components(separatedBy: "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"").count - 1, 6)
    XCTAssertEqual(body.components(separatedBy: "display=\"block\"").count - 1, 3)
    XCTAssertTrue(body.contains(#"<annotation encoding="application/x-tex">\mathrm{softmax}(QK^\top / \sqrt{d_k})\,V</annotation>"#))
    XCTAssertTrue(body.contains(#"<annotation encoding="application/x-tex">a_{ij} = q_i \cdot k_j</annotation>"#))
    XCTAssertTrue(body.contains("<div class=\"math-block\"><span class=\"math-display\" tabindex=\"0\"><span class=\"katex-display\">"))
    // Outside code and the TeX annotations, the only dollars left are the prices.
    let text = removing("<annotation[^>]*>[^<]*</annotation>", from: removing("<code[^>]*>[\\s\\S]*?</code>", from: body))
    XCTAssertEqual(text.components(separatedBy: "$").count - 1, 3, text)
    XCTAssertTrue(text.contains("charged $4,500 a day and $20 for"))
    XCTAssertTrue(text.contains("while $5 is an escaped dollar"))
    XCTAssertTrue(body.contains("<code>$x$</code>"))
    XCTAssertFalse(body.contains("<script"), "math needs no script")
    XCTAssertFalse(body.contains("katex-error"))
  }

  func testCodeIsHighlightedAndUnknownLanguagesStayPlain() throws {
    let output = try buildFixture()
    let body = prose(try String(contentsOf: output.appendingPathComponent(Self.page), encoding: .utf8))
    for expected in [
      #"<code class="language-python"><span class="hljs-function"><span class="hljs-keyword">def</span>"#,
      #"<code class="language-swift"><span class="hljs-keyword">let</span>"#,
      #"<code class="language-javascript"><span class="hljs-keyword">const</span>"#,
      #"<span class="hljs-built_in">echo</span>"#,
      #"<code class="language-json">{<span class="hljs-attr">"model"</span>"#,
      "<code class=\"language-klingon\">qaStaH nuq?\n</code>",
      "<code>plain &lt;text&gt; with no language\n</code>",
    ] {
      XCTAssertTrue(body.contains(expected), expected)
    }
  }

  func testKaTeXStylesAreCopiedAndLinkedOnlyWhereMathIs() throws {
    let output = try buildFixture()
    let chapter = try String(contentsOf: output.appendingPathComponent(Self.page), encoding: .utf8)
    let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
    XCTAssertTrue(chapter.contains("<link rel=\"stylesheet\" href=\"../assets/katex/katex.min.css\">"))
    XCTAssertFalse(home.contains("katex"))
    let css = try String(contentsOf: output.appendingPathComponent("assets/katex/katex.min.css"), encoding: .utf8)
    let fonts = css.components(separatedBy: "url(fonts/").dropFirst().compactMap { $0.split(separator: ")").first }.filter { $0.hasSuffix(".woff2") }
    XCTAssertGreaterThan(fonts.count, 10)
    for font in fonts {
      XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/katex/fonts/\(font)").path), String(font))
    }
  }

  func testSearchIndexHasTheTeXSourceNotKaTeXMarkup() throws {
    let output = try buildFixture()
    let index = try String(contentsOf: output.appendingPathComponent("assets/search-index.js"), encoding: .utf8)
    XCTAssertTrue(index.contains("\"softmax\""), "a formula's words are searchable")
    XCTAssertFalse(index.contains("\"mathnormal\""), "KaTeX's class names are not")
    XCTAssertFalse(index.contains("\"vlist\""))
  }

  /// `env PATH=… syllabus build` in `dir`: a machine where `node` cannot be found.
  private func buildWithoutNode(_ dir: URL) throws -> TestSupport.Run {
    let output = try TestSupport.temporaryDirectory().appendingPathComponent("public")
    return try TestSupport.run(
      executable: URL(fileURLWithPath: "/usr/bin/env"),
      ["PATH=/nonexistent", TestSupport.binary.path, "build", "--templates", TestSupport.templates.path, "--output", output.path], in: dir)
  }

  func testMathWithoutNodeIsALocatedErrorNamingThePackages() throws {
    let run = try buildWithoutNode(TestSupport.fixtures.appendingPathComponent("typeset"))
    XCTAssertEqual(run.status, 1)
    // One located error per file with math, at its first formula, in path order.
    let message = "error: this file has math, but Node.js (`node` on PATH) was not found"
    XCTAssertTrue(run.stderr.hasPrefix("content/questions/formulas/attention.md:10:6: \(message)"), run.stderr)
    XCTAssertTrue(run.stderr.contains("\ncontent/topics/formulas.md:5:21: \(message)"), run.stderr)
    XCTAssertTrue(run.stderr.contains("install Debian's `katex` and `nodejs` packages"), run.stderr)
  }

  func testASiteWithoutMathOrLanguagesNeedsNoNode() throws {
    let run = try buildWithoutNode(TestSupport.fixtures.appendingPathComponent("valid"))
    XCTAssertEqual(run.status, 0, run.stderr)
  }
}

@testable import SyllabusBuild
import SyllabusModel

/// The one-page lint counts what prints, not the MathML copy a formula carries for screen readers.
final class CheatSheetWordCountTests: XCTestCase {
  func testMathMLCopiesDoNotCountAsWords() {
    let formula = "<span class=\"katex\"><span class=\"katex-mathml\"><math><semantics><mrow><mi>x</mi></mrow>"
      + "<annotation encoding=\"application/x-tex\">x + y + z</annotation></semantics></math></span>"
      + "<span class=\"katex-html\" aria-hidden=\"true\">x</span></span>"
    let html = "<p>one " + formula + " two " + formula + "</p>"
    XCTAssertEqual(HTML.text(of: LongCheatSheet.withoutMathML(html)).split(whereSeparator: \.isWhitespace).count, 4)
    XCTAssertGreaterThan(HTML.text(of: html).split(whereSeparator: \.isWhitespace).count, 4)
  }
}
