import XCTest

@testable import SyllabusModel

/// Excerpts read bytes while the text is ASCII and Characters otherwise, and a build keeps
/// only each text's lead once the search index is made: every excerpt must come out as the
/// Character rule makes it from the whole text.
final class ExcerptTests: XCTestCase {
  /// Pieces that make the cases: every kind of ASCII white space, CR LF (one Character),
  /// letters, and what is not ASCII (a combining mark after an ASCII letter joins it,
  /// Unicode spaces, an emoji).
  static let pieces = [
    " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\r", "a", "bc", "word", "x", ".", "\u{1}",
    "\u{301}", "\u{A0}", "\u{3000}", "é", "👍🏽", "\u{2028}",
  ]

  /// Random texts of those pieces, the same on every run.
  static func texts(count: Int, asciiOnly: Bool) -> [String] {
    var generator = SeededGenerator(seed: asciiOnly ? 7 : 11)
    let pool = asciiOnly ? pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } } : pieces
    return (0..<count).map { _ in
      (0..<Int.random(in: 0...260, using: &generator)).map { _ in pool.randomElement(using: &generator)! }.joined()
    }
  }

  func testTheByteReadingGivesTheCharacterRule() {
    for text in Self.texts(count: 400, asciiOnly: true) {
      for limit in [0, 1, 2, 5, 40, Excerpt.searchSummary, Excerpt.pageDescription] {
        var copy = text
        let bytes = copy.withUTF8 { Excerpt.firstASCII($0, limit) }
        XCTAssertEqual(bytes, Excerpt.firstCharacters(text, limit), "\(text.debugDescription), limit \(limit)")
      }
    }
    var withMark = "cafe\u{301} au lait"
    XCTAssertNil(withMark.withUTF8 { Excerpt.firstASCII($0, 4) }, "a byte that is not ASCII must leave it to the Character rule")
    XCTAssertEqual(Excerpt.first("cafe\u{301} au lait", 4), "cafe\u{301}…")
  }

  func testFirstIsTheCharacterRuleOnAnyText() {
    for text in Self.texts(count: 400, asciiOnly: false) {
      for limit in [1, 3, Excerpt.searchSummary, Excerpt.pageDescription] {
        XCTAssertEqual(Excerpt.first(text, limit), Excerpt.firstCharacters(text, limit), "\(text.debugDescription), limit \(limit)")
      }
    }
  }

  /// The lead gives every excerpt the whole text gives, up to the longest, including texts
  /// whose cut falls on a space and the character after it, and combining marks after line
  /// breaks (which would join a collapsed space).
  func testTheLeadGivesTheSameExcerpts() {
    var edges: [String] = []
    for n in Excerpt.longest - 2...Excerpt.longest + 3 {
      let run = String(repeating: "a", count: n)
      edges += [run, run + " ", run + " b", run + "   b c", "\r\n\u{301}" + run + "\n\u{301} b"]
    }
    for text in Self.texts(count: 300, asciiOnly: false) + Self.texts(count: 300, asciiOnly: true) + edges {
      let lead = Excerpt.lead(text)
      XCTAssertEqual(lead, Excerpt.leadCharacters(text), "the byte reading cut \(text.debugDescription) elsewhere")
      XCTAssertTrue(text.unicodeScalars.starts(with: lead.unicodeScalars), "the lead is not where the text starts")
      XCTAssertLessThanOrEqual(Excerpt.first(lead, .max).count, Excerpt.longest + 2)
      for limit in [1, 60, Excerpt.searchSummary, Excerpt.pageDescription] {
        XCTAssertEqual(Excerpt.first(lead, limit), Excerpt.first(text, limit), "\(text.debugDescription), limit \(limit)")
      }
    }
  }

  /// What pages read of a document is the same before and after `withoutSearchText`.
  func testADocumentWithoutSearchTextReadsTheSame() {
    for text in Self.texts(count: 200, asciiOnly: false) + ["", " ", "one", " two  words ", String(repeating: "word ", count: 900)] {
      var document = MarkdownDocument(sections: [], headings: [], links: [], diagnostics: [], plainText: text)
      document.terms = ["word"]
      let slim = document.withoutSearchText()
      // Runs of bytes other than a space: as splitting Characters gives, but for a space a
      // combining mark joins (" \u{301}"), which nothing writes between words.
      XCTAssertEqual(slim.wordCount, text.utf8.split(separator: 0x20).count, text.debugDescription)
      if !text.contains(" \u{301}") { XCTAssertEqual(slim.wordCount, text.split(separator: " ").count, text.debugDescription) }
      XCTAssertEqual(slim.wordCount, document.wordCount)
      XCTAssertEqual(Excerpt.first(slim.plainText, Excerpt.pageDescription), Excerpt.first(text, Excerpt.pageDescription))
      XCTAssertEqual(slim.terms, [])
    }
  }
}

/// A seeded generator (SplitMix64), so the random texts are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
