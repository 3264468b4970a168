import Foundation
import XCTest

@testable import SyllabusBuild
@testable import SyllabusDeck
@testable import SyllabusModel

/// The Anki deck's own pieces; Tests/browser/test_anki.py imports the whole package with Anki.
final class DeckTests: XCTestCase {
  func testSHA1MatchesTheStandardVectors() {
    let hex = { (words: [UInt32]) in words.map { String(format: "%08x", $0) }.joined() }
    XCTAssertEqual(hex(SHA1.hash(Array("abc".utf8))), "a9993e364706816aba3e25717850c26c9cd0d89d")
    XCTAssertEqual(hex(SHA1.hash([])), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)  // two blocks
    XCTAssertEqual(hex(SHA1.hash(long)), "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    XCTAssertEqual(SHA1.checksum("abc"), 0xa999_3e36)
  }

  func testStableIDsDependOnTheNameOnly() {
    XCTAssertEqual(StableID.number("note\u{0}syllabus:g:a/b"), StableID.number("note\u{0}syllabus:g:a/b"))
    XCTAssertNotEqual(StableID.number("note\u{0}syllabus:g:a/b"), StableID.number("note\u{0}syllabus:g:a/c"))
    for name in ["", "a", "deck\u{0}guide"] {
      let id = StableID.number(name)
      XCTAssertTrue(id > 0 && id < 1 << 52, name)
    }
  }

  func testNoteTimesAreTheNewestSourceClampedToSourceDateEpoch() {
    let modified: [String: Int64] = ["q.md": 1_000, "topic.md": 3_000, "guide.yml": 2_000]
    XCTAssertEqual(DeckClock(modified: modified).time(of: ["q.md", "topic.md", "guide.yml"]), 3_000)
    XCTAssertEqual(DeckClock(modified: modified, sourceDateEpoch: 2_500).time(of: ["q.md", "topic.md"]), 2_500)
    XCTAssertEqual(DeckClock(modified: modified, sourceDateEpoch: 2_500).time(of: ["q.md"]), 1_000)
  }

  func testDeckNamesKeepStudyOrderAndCannotNest() throws {
    let checked = Pipeline.check(BuildSettings(
      content: TestSupport.fixtures.appendingPathComponent("valid/content"), templates: TestSupport.templates,
      output: URL(fileURLWithPath: "/nonexistent")))
    let site = try XCTUnwrap(checked.site)
    let deck = DeckContent(site: site, clock: DeckClock(modified: [:]))
    XCTAssertEqual(deck.chapters.map(\.name), ["Fixture Guide::1. Basics", "Fixture Guide::2. Advanced <Topics> & More"])
    XCTAssertEqual(DeckContent.deckName("A::B"), "A:B")
    XCTAssertEqual(Set(deck.notes.map(\.id)).count, deck.notes.count)
  }
}
