import Foundation
import XCTest

@testable import SyllabusBuild
@testable import SyllabusDeck
@testable import SyllabusModel

/// `ByteScan` gives what Foundation gives, on text where bytes and characters agree and on
/// text where they do not (combining marks, Unicode spaces).
final class ByteScanTests: XCTestCase {
  /// Characters that Foundation treats unlike their bytes: spaces outside ASCII, a zero-width
  /// space (not white space), combining marks, precomposed `≮`, and the singletons.
  static let tricky = ["\u{A0}", "\u{200B}", "\u{2028}", "\u{3000}", "\u{85}", "\u{FEFF}", "\u{301}", "\u{338}", "≮", "é", "\u{212A}", "\u{37E}"]

  func testTrimmingMatchesFoundationForEveryASCIIByteAndUnicodeSpaces() {
    var pieces = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) } + Self.tricky
    pieces += ["\r\n", "  "]
    for piece in pieces {
      for text in [piece, "\(piece)x\(piece)", " \(piece)x", "x\(piece) ", "\(piece) <p>a</p> \(piece)", "\n\(piece)\n"] {
        XCTAssertEqual(ByteScan.trimmingSpace(text), text.trimmingCharacters(in: .whitespacesAndNewlines), text.debugDescription)
      }
    }
  }

  func testLinksTrimLikeFoundationAndResolveAgainstTheirPage() {
    for byte in UInt8(0)..<0x80 {
      let c = String(UnicodeScalar(byte))
      for text in ["\(c)a\(c)", "\(c)\(c)", c, " \(c)/x\t"] {
        XCTAssertEqual(CardHTML.asciiTrimmingSpaces(text), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
      }
    }
    let page = "questions/t/q.html"
    XCTAssertEqual(CardHTML.link(" #x ", page: page, baseURL: nil), "questions/t/q.html#x")
    XCTAssertEqual(CardHTML.link("", page: page, baseURL: "https://e.org/"), "https://e.org/questions/t/q.html")
    XCTAssertEqual(CardHTML.link("../../a/./b//c.html", page: page, baseURL: nil), "a/b/c.html")
    XCTAssertEqual(CardHTML.link("/a/../../b", page: page, baseURL: nil), "b")
    XCTAssertEqual(CardHTML.link("Mailto:x@y", page: page, baseURL: nil), "Mailto:x@y")
    XCTAssertNil(CardHTML.link("java+script:x", page: page, baseURL: nil))
    XCTAssertEqual(CardHTML.link("//e.org/é", page: page, baseURL: nil), "https://e.org/é")
    XCTAssertEqual(CardHTML.link("#é", page: "questions/ü/q.html", baseURL: nil), "questions/ü/q.html#é")
  }

  func testContainsAndReplacingMatchFoundationNextToCombiningMarks() {
    for piece in Self.tricky + ["", "a", ">", "\""] {
      for text in ["<code\(piece)>", "\(piece)<code", "x<code", "<cod\(piece)e", "a\"\(piece)b", "\(piece)\"", "\"\(piece)<\(piece)"] {
        XCTAssertEqual(ByteScan.contains(text, "<code"), text.contains("<code"), text.debugDescription)
        XCTAssertEqual(
          ByteScan.replacing(UInt8(ascii: "\""), with: "&quot;", in: text), text.replacingOccurrences(of: "\"", with: "&quot;"),
          text.debugDescription)
        XCTAssertEqual(ByteScan.replacing(UInt8(ascii: "<"), with: "&lt;", in: text), text.replacingOccurrences(of: "<", with: "&lt;"))
      }
    }
  }

  func testFindComparesASCIILettersWithoutCaseOnlyWhenAsked() {
    let text = Array("ab</SCRIPT></script>".utf8)
    text.withUnsafeBufferPointer { bytes in
      XCTAssertEqual(ByteScan.find(Array("</script".utf8), in: bytes, from: 0), 11)
      XCTAssertEqual(ByteScan.find(Array("</script".utf8), in: bytes, from: 0, ignoringCase: true), 2)
      XCTAssertNil(ByteScan.find(Array("</style".utf8), in: bytes, from: 0, ignoringCase: true))
      XCTAssertNil(ByteScan.find(Array("ab".utf8), in: bytes, from: 1))
    }
  }
}

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
