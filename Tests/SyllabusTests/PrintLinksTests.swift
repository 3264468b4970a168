import XCTest

@testable import SyllabusRenderer

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
    let html = ##"<h2 id="answer">Answer<a class="anchor" href="#answer">#</a></h2><p>See <a href="rag.html">it</a>, not href=&quot;x&quot;.</p><h3 id="b">B</h3>"##
    let out = links.rewrite(html, from: "topics/rag.html", anchor: "topic-rag", demote: 1)
    XCTAssertEqual(out, ##"<h3 id="topic-rag-answer">Answer<a class="anchor" href="#topic-rag-answer">#</a></h3><p>See <a href="#topic-rag">it</a>, not href=&quot;x&quot;.</p><h4 id="topic-rag-b">B</h4>"##)
  }
}
