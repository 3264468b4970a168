import XCTest

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
    XCTAssertEqual(PrintFragment.resolve(Array("a//b.html".utf8), from: Array(from.utf8)), "questions/rag/a//b.html")
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

  /// An earlier render's fragment is taken while its page's inputs are the same in full, and
  /// made again when any differs.
  func testFragmentsAreReusedOnlyForTheSameInputs() {
    let same = PrintFragments.Input(source: "a.md", html: "<p>a</p>", pageURL: "topics/a.html", anchor: "topic-a", demote: 1)
    let edited = PrintFragments.Input(source: "b.md", html: "<p>b, edited</p>", pageURL: "topics/b.html", anchor: "topic-b", demote: 1)
    // A stand-in the rewrite would never make, so its presence shows it was reused.
    let marker = PrintFragment(bytes: Array("kept".utf8), links: [])
    var before = edited
    before.html = "<p>b</p>"
    let cache = PrintFragmentCache()
    cache.reuse { PrintFragments(entries: ["a.md": .init(input: same, fragment: marker), "b.md": .init(input: before, fragment: marker)]) }
    let made = cache.fragments { [same, edited] }
    XCTAssertEqual(made["a.md"]?.fragment, marker)
    XCTAssertEqual(made["b.md"]?.fragment, PrintFragment(edited.html, from: edited.pageURL, anchor: edited.anchor, demote: 1))
    XCTAssertNotNil(cache.changed, "a fragment was made again, so the new set must be kept")
    let again = PrintFragmentCache()
    again.reuse { cache.changed }
    _ = again.fragments { [same, edited] }
    XCTAssertNil(again.changed, "nothing was made again, yet the set would be rewritten")
  }
}
