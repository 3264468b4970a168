import XCTest

@testable import SyllabusDeck
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
