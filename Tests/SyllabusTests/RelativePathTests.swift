import XCTest

@testable import SyllabusDeck
@testable import SyllabusMarkdown
@testable import SyllabusModel
@testable import SyllabusRenderer
@testable import SyllabusResolver

/// One rule for relative links: the link checker, the deck's cards and the print documents read
/// every odd path the same way (they once disagreed on `a//b`).
final class RelativePathTests: XCTestCase {
  let page = "questions/rag/chunking.html"

  func testTheRule() {
    func resolve(_ relative: String, _ above: RelativePath.AboveRoot = .stayAtRoot) -> String? {
      RelativePath.resolve(relative, from: page, aboveRoot: above)
    }
    XCTAssertEqual(resolve("x.html"), "questions/rag/x.html")
    XCTAssertEqual(resolve("./a/./b.html"), "questions/rag/a/b.html")
    XCTAssertEqual(resolve("a//b.html"), "questions/rag/a/b.html")
    XCTAssertEqual(resolve("../../topics/rag.html"), "topics/rag.html")
    XCTAssertEqual(resolve("../../../../x.html"), "x.html")
    XCTAssertNil(resolve("../../../x.html", .fail))
    XCTAssertEqual(resolve("../../x.html", .fail), "x.html")
    XCTAssertEqual(resolve("/topics/a.html"), "topics/a.html")
    XCTAssertEqual(resolve("a/.."), "questions/rag")
    XCTAssertEqual(RelativePath.resolve("ü/é.html", from: "topics/ß.html", aboveRoot: .fail), "topics/ü/é.html")
    XCTAssertEqual(RelativePath.resolve("x.html", from: "print.html", aboveRoot: .fail), "x.html")
  }

  func testASchemeIsALetterThenSchemeCharactersUpToTheFirstColon() {
    func end(_ link: String) -> Int? { RelativePath.schemeEnd(Array(link.utf8)) }
    XCTAssertEqual(end("https://example.com"), 5)
    XCTAssertEqual(end("mailto:a@b.c"), 6)
    XCTAssertEqual(end("JavaScript:alert(1)"), 10)
    XCTAssertEqual(end("svn+ssh://x"), 7)
    XCTAssertNil(end("a.html#step:1"), "a colon in the fragment")
    XCTAssertNil(end("notes/a:b.html"), "a colon after a slash")
    XCTAssertNil(end("1a:b"), "a scheme starts with a letter")
    XCTAssertNil(end(":x"))
    XCTAssertNil(end("plain.html"))
    XCTAssertNil(end(""))
  }

  /// A colon in a fragment leaves a link relative for every reader: the parser rewrites and
  /// checks it, the print documents keep it in-page, the deck resolves it.
  func testAColonInTheFragmentIsStillARelativeLink() {
    XCTAssertTrue(TreeEditor.isSourceLink("x.md#step:1"))
    XCTAssertFalse(TreeEditor.isSourceLink("mailto:x.md"))
    XCTAssertEqual(
      PrintFragment.target(of: Array("a.html#step:1".utf8), from: Array(page.utf8), anchor: Array("q".utf8)),
      .page("questions/rag/a.html", fragment: "step:1"))
    XCTAssertEqual(PrintFragment.target(of: Array("https://x.org/a".utf8), from: Array(page.utf8), anchor: []), .fixed(Array("https://x.org/a".utf8)))
    XCTAssertEqual(CardHTML.link("a.html#step:1", page: page, baseURL: nil), "questions/rag/a.html#step:1")
    XCTAssertNil(CardHTML.link("javascript:alert(1)", page: page, baseURL: nil))
  }

  func testEveryReaderAgrees() {
    let cases = ["x.html", "a//b.html", "./a/./b.html", "../../topics/rag.html", "../../../../x.html", "a/../b.html", "ü/é.html"]
    let links = LinkTable(pages: [:])
    for relative in cases {
      let shared = RelativePath.resolve(relative, from: page, aboveRoot: .stayAtRoot)
      XCTAssertEqual(PrintFragment.resolve(Array(relative.utf8), from: Array(page.utf8)), shared, relative)
      XCTAssertEqual(CardHTML.link(relative, page: page, baseURL: nil), shared, relative)
      if let checked = links.target(of: relative, from: page) { XCTAssertEqual(checked.source, shared, relative) }
      else { XCTAssertNil(RelativePath.resolve(relative, from: page, aboveRoot: .fail), relative) }
    }
  }
}
