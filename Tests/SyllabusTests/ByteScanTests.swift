import Foundation
import XCTest

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
