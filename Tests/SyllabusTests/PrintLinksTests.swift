import XCTest

import SyllabusBuild
@testable import SyllabusRenderer
import SyllabusModel

/// How page HTML is moved into a printable document: ids prefixed, links to included pages
/// made in-page, links to other pages made relative to the document, headings moved down.
final class PrintLinksTests: XCTestCase {
  let links = PrintLinks(
    anchors: ["topics/rag.html": "topic-rag", "questions/rag/chunking.html": "q-rag-chunking"], documentURL: "print/applied.html")

  func testLinksToIncludedPagesBecomeInPage() {
    let from = "questions/rag/chunking.html"
    XCTAssertEqual(links.target(of: "../../topics/rag.html", from: from, anchor: "q-rag-chunking"), "#topic-rag")
    XCTAssertEqual(links.target(of: "../../topics/rag.html#hybrid-search", from: from, anchor: "x"), "#topic-rag-hybrid-search")
    XCTAssertEqual(links.target(of: "chunking.html", from: from, anchor: "x"), "#q-rag-chunking")
    XCTAssertEqual(links.target(of: "#answer", from: from, anchor: "q-rag-chunking"), "#q-rag-chunking-answer")
  }

  func testOtherLinksStayValidFromTheDocument() {
    XCTAssertEqual(links.target(of: "../cheatsheets/rag.html", from: "topics/rag.html", anchor: "t"), "../cheatsheets/rag.html")
    XCTAssertEqual(links.target(of: "../../tags/math.html#top", from: "questions/rag/chunking.html", anchor: "t"), "../tags/math.html#top")
    XCTAssertEqual(links.target(of: "https://example.org/a.html", from: "topics/rag.html", anchor: "t"), "https://example.org/a.html")
  }

  func testRewriteHandlesIdsHrefsAndHeadings() {
    // Text never holds a literal `href="`: cmark writes its quotes as &quot;.
    let html = ##"<h2 id="answer">Answer"## + HTML.selfLink(to: "answer", label: "Link to this section") + ##"</h2><p>See <a href="rag.html">it</a>, not href=&quot;x&quot;.</p><h3 id="b">B</h3>"##
    let out = links.rewrite(html, from: "topics/rag.html", anchor: "topic-rag", demote: 1)
    // The heading's "#" self-link goes: a printed page cannot follow it.
    XCTAssertEqual(out, ##"<h3 id="topic-rag-answer">Answer</h3><p>See <a href="#topic-rag">it</a>, not href=&quot;x&quot;.</p><h4 id="topic-rag-b">B</h4>"##)
  }

  /// Question anchors are short and never one another's prefix-plus-dash.
  func testQuestionAnchorsAreShortAndDistinct() {
    XCTAssertEqual(PrintLinks.anchor(chapter: 3, question: 12), "q3-12")
    let all = (1...12).flatMap { c in (1...12).map { PrintLinks.anchor(chapter: c, question: $0) } }
    XCTAssertEqual(Set(all).count, all.count)
    for a in all { for b in all where a != b { XCTAssertFalse(b.hasPrefix(a + "-"), "\(b) starts with \(a)-") } }
  }

  func testOddRelativeLinksResolveAsBefore() {
    let from = "questions/rag/chunking.html"
    XCTAssertEqual(PrintFragment.resolve(Array("../../../../x.html".utf8), from: Array(from.utf8)), "x.html", "never above the root")
    XCTAssertEqual(PrintFragment.resolve(Array("./a/./b.html".utf8), from: Array(from.utf8)), "questions/rag/a/b.html")
    XCTAssertEqual(PrintFragment.resolve(Array("a//b.html".utf8), from: Array(from.utf8)), "questions/rag/a/b.html", "as the link checker and the deck read it")
    XCTAssertEqual(PrintFragment.resolve(Array("x.html".utf8), from: Array("print.html".utf8)), "x.html")
    XCTAssertEqual(links.target(of: "#", from: from, anchor: "q-rag-chunking"), "#q-rag-chunking")
    XCTAssertEqual(links.target(of: "chunking.html#", from: from, anchor: "x"), "#q-rag-chunking-")
    XCTAssertEqual(links.target(of: "", from: from, anchor: "x"), "")
    XCTAssertEqual(links.target(of: "/abs.html", from: from, anchor: "x"), "/abs.html")
  }

  /// One fragment serves every document: a link to a page one document includes and another
  /// leaves out is in-page in the first and relative in the second.
  func testOneFragmentPlacedInTwoDocuments() {
    let fragment = PrintFragment(##"<p id="p"><a href="../../topics/rag.html#x">r</a></p>"##, from: "questions/rag/chunking.html", anchor: "q", demote: 2)
    XCTAssertEqual(links.place(fragment), ##"<p id="q-p"><a href="#topic-rag-x">r</a></p>"##)
    XCTAssertEqual(PrintLinks(anchors: [:], documentURL: "print.html").place(fragment), ##"<p id="q-p"><a href="topics/rag.html#x">r</a></p>"##)
  }

  /// An earlier render's fragment is taken while its page's inputs are the same (its HTML by
  /// digest), and made again when any differs.
  func testFragmentsAreReusedOnlyForTheSameInputs() {
    func page(_ source: String, _ html: String, _ url: String, _ anchor: String) -> PrintFragments.Page {
      PrintFragments.Page(source: source, html: { html }, pageURL: url, anchor: anchor, demote: 1)
    }
    let same = page("a.md", "<p>a</p>", "topics/a.html", "topic-a")
    let edited = page("b.md", "<p>b, edited</p>", "topics/b.html", "topic-b")
    func input(_ page: PrintFragments.Page) -> PrintFragments.Input {
      .init(source: page.source, html: page.html(), pageURL: page.pageURL, anchor: page.anchor, demote: page.demote)
    }
    // A stand-in the rewrite would never make, so its presence shows it was reused.
    let marker = PrintFragment(bytes: Array("kept".utf8), links: [])
    let before = input(page("b.md", "<p>b</p>", "topics/b.html", "topic-b"))
    var moved = input(same)
    moved.anchor = "topic-a2"
    XCTAssertNotEqual(moved, input(same))
    let cache = PrintFragmentCache()
    cache.reuse { PrintFragments(entries: ["a.md": .init(input: input(same), fragment: marker), "b.md": .init(input: before, fragment: marker)]) }
    let made = cache.fragments { [same, edited] }
    XCTAssertEqual(made["a.md"]?.fragment, marker)
    XCTAssertEqual(made["b.md"]?.fragment, PrintFragment("<p>b, edited</p>", from: edited.pageURL, anchor: edited.anchor, demote: 1))
    XCTAssertEqual(made["b.md"]?.input, input(edited))
    XCTAssertNotNil(cache.changed, "a fragment was made again, so the new set must be kept")
    let again = PrintFragmentCache()
    again.reuse { cache.changed }
    _ = again.fragments { [same, edited] }
    XCTAssertNil(again.changed, "nothing was made again, yet the set would be rewritten")
  }
}

/// Print documents are made in pieces: the templates render a mark for each body and the
/// bodies are placed between the texts around the marks. What comes out must be what the
/// templates make of the real HTML, for the built-in print template and for overrides that
/// escape a body, change its case, test it or paste it twice.
final class PrintPiecesTests: XCTestCase {
  func testMarksSplitOnlyWhereTheyStandWhole() throws {
    let marks = PieceMarks()
    let text = Array(("a" + marks.mark(0) + "b" + marks.mark(1) + marks.mark(0) + "c").utf8)
    let parts = try XCTUnwrap(marks.split(text, pieces: 2))
    XCTAssertEqual(parts.map(\.piece), [nil, 0, nil, 1, nil, 0, nil])
    XCTAssertEqual(parts.filter { $0.piece == nil }.map { String(decoding: text[$0.text], as: UTF8.self) }, ["a", "b", "", "c"])
    XCTAssertNotNil(marks.split(Array("no marks at all".utf8), pieces: 0))
    for altered in [HTML.escape(marks.mark(0)), marks.mark(0).uppercased(), marks.mark(0).lowercased(), String(marks.mark(0).reversed()),
      marks.mark(0).capitalized, marks.mark(7), String(marks.mark(0).dropLast())]
    {
      XCTAssertNil(marks.split(Array(("a" + altered + "b").utf8), pieces: 2), "\(altered) was taken for a mark")
    }
  }

  func files(_ content: URL, templates overrides: URL?, inPieces: Bool) throws -> [String: Data] {
    let settings = BuildSettings(content: content, templates: overrides, output: URL(fileURLWithPath: "/nonexistent"))
    let checked = Pipeline.check(settings)
    var renderer = SiteRenderer(site: try XCTUnwrap(checked.site), documents: checked.documents, templates: try XCTUnwrap(checked.templates))
    renderer.printsInPieces = inPieces
    let files = renderer.render().files.filter { $0.path == SiteURL.printGuide || $0.path.hasPrefix("print/") }
    XCTAssertGreaterThan(files.count, 1, "the guide's print document and a path's")
    return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
  }

  func assertSameBothWays(printTemplate: String?, file: StaticString = #filePath, line: UInt = #line) throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    if let printTemplate { try printTemplate.write(to: folder.appendingPathComponent("print.mustache"), atomically: true, encoding: .utf8) }
    let content = TestSupport.fixtures.appendingPathComponent("valid/content")
    let whole = try files(content, templates: folder, inPieces: false), pieces = try files(content, templates: folder, inPieces: true)
    XCTAssertEqual(whole.keys.sorted(), pieces.keys.sorted(), file: file, line: line)
    for (path, data) in whole {
      XCTAssertEqual(pieces[path], data, "\(path) differs", file: file, line: line)
      XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("<sY"), "a mark was left in \(path)", file: file, line: line)
    }
  }

  func testTheBuiltInPrintTemplate() throws { try assertSameBothWays(printTemplate: nil) }

  func testOverridesThatDoMoreWithABodyThanPasteIt() throws {
    let each = "{{#chapters}}{{#questions}}X{{/questions}}{{/chapters}}"
    for body in ["{{bodyHTML}}", "{{uppercased(bodyHTML)}}", "{{{bodyHTML}}}|{{{bodyHTML}}}", "{{#bodyHTML}}[{{{.}}}]{{/bodyHTML}}{{^bodyHTML}}none{{/bodyHTML}}"] {
      try assertSameBothWays(printTemplate: "{{title}}" + each.replacingOccurrences(of: "X", with: body))
    }
  }
}
