import Foundation
import XCTest

@testable import SyllabusBuild
@testable import SyllabusDeck
@testable import SyllabusModel

/// Card fields kept between builds (`CardCache`, `CardCacheFile`): an entry is used only for
/// exactly its inputs, and a damaged file is no cache.
final class CardCacheTests: XCTestCase {
  static let html = ##"<p onclick="x()">An <a href="#y">answer</a>.</p> "##
  static let page = "questions/a/b.html"

  func testAnEntryIsUsedOnlyForItsExactInputs() {
    let stored = CardCache.Entry(page: Self.page, baseURL: nil, html: Self.html, field: "stored field")
    XCTAssertEqual(CardCache([stored]).field(Self.html, page: Self.page, baseURL: nil), "stored field", "a hit returns the entry")
    let made = CardHTML.field(Self.html, page: Self.page, baseURL: nil)
    XCTAssertEqual(made, #"<p>An <a href="questions/a/b.html#y">answer</a>.</p>"#)
    // The same page with another answer or base URL, as a hash collision would be: a miss.
    let edited = CardCache([CardCache.Entry(page: Self.page, baseURL: nil, html: Self.html + "x", field: "stale")])
    XCTAssertEqual(edited.field(Self.html, page: Self.page, baseURL: nil), made)
    XCTAssertEqual(edited.misses, 1)
    let based = CardCache([stored])
    XCTAssertEqual(based.field(Self.html, page: Self.page, baseURL: "https://e.org/"), #"<p>An <a href="https://e.org/questions/a/b.html#y">answer</a>.</p>"#)
    XCTAssertEqual(based.field(Self.html, page: Self.page, baseURL: "https://e.org/"), based.all[0].field, "the miss was stored")
    XCTAssertEqual(based.hits, 1)
  }

  func testEndingADeckDropsPagesItDidNotAskForAndSaysWhetherAnythingChanged() {
    let cache = CardCache([
      CardCache.Entry(page: "a.html", baseURL: nil, html: "<p>a</p>", field: "<p>a</p>"),
      CardCache.Entry(page: "gone.html", baseURL: nil, html: "<p>g</p>", field: "<p>g</p>"),
    ])
    _ = cache.field("<p>a</p>", page: "a.html", baseURL: nil)
    XCTAssertTrue(cache.endDeck(), "an entry went")
    XCTAssertEqual(cache.all.map(\.page), ["a.html"])
    _ = cache.field("<p>a</p>", page: "a.html", baseURL: nil)
    XCTAssertFalse(cache.endDeck(), "all hits: nothing to store")
  }

  func testTheFileKeepsEveryEntryAndRefusesDamage() throws {
    let entries = [
      CardCache.Entry(page: "a.html", baseURL: nil, html: "<p>é</p>", field: "<p>é</p>"),
      CardCache.Entry(page: "b.html", baseURL: "", html: "", field: ""),
    ]
    let bytes = CardCacheFile.encoded(entries, slug: "guide")
    XCTAssertEqual(CardCacheFile.decode(bytes, slug: "guide"), entries)
    XCTAssertNil(CardCacheFile.decode(bytes, slug: "other"), "another guide's file")
    for n in stride(from: 0, to: bytes.count, by: 5) {
      XCTAssertNil(CardCacheFile.decode(Array(bytes.prefix(n)), slug: "guide"), "a \(n)-byte prefix read as a file")
    }
    XCTAssertNil(CardCacheFile.decode(Array(bytes.reversed()), slug: "guide"))
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(bytes.prefix(bytes.count - 1)).write(to: CardCacheFile.url(in: folder, slug: "guide"))
    XCTAssertEqual(CardCacheFile.load(from: folder, slug: "guide").all, [], "a truncated file is an empty cache")
    CardCacheFile.save(CardCache(entries), in: folder, slug: "guide")
    XCTAssertEqual(CardCacheFile.load(from: folder, slug: "guide").all, entries)
  }
}
