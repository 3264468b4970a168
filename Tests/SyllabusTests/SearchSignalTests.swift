import Foundation
import XCTest

@testable import SyllabusRenderer

/// The ranking's signals are declared once (`SearchIndex.signals`): the index ships their
/// names and weights, and app.js must know how to count each one (it throws on a name it
/// does not know, so a missing function cannot quietly score zero).
final class SearchSignalTests: XCTestCase {
  /// The index writes its id gaps by hand (a String(radix:) per id was a quarter of its time).
  func testSearchIndexGapsMatchTheRadixFormatter() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<50 {
      let ids = (0..<Int.random(in: 0...40, using: &generator)).map { _ in Int.random(in: 0...100_000, using: &generator) }.sorted()
      var previous = 0
      let expected = ids.map { id -> String in
        defer { previous = id }
        return String(id - previous, radix: 36)
      }.joined(separator: ",")
      XCTAssertEqual(SearchIndex.gaps(ids), expected)
    }
    XCTAssertEqual(SearchIndex.gaps([0, 35, 36, 1332]), "0,z,1,100")
  }

  func testIndexShipsEverySignalAndAppJSCountsEach() throws {
    let js = SearchIndex().javascript(topics: [], levels: [])
    let pairs = SearchIndex.signals.map { "[\"\($0.name)\",\($0.weight)]" }.joined(separator: ",")
    XCTAssertTrue(js.contains(",\"signals\":[\(pairs)]"), js)
    XCTAssertTrue(js.contains(",\"mainKinds\":[\"chapter\",\"question\"]"), js)
    XCTAssertEqual(Set(SearchIndex.signals.map(\.name)).count, SearchIndex.signals.count, "signal names are unique")
    let app = try String(contentsOf: TestSupport.templates.appendingPathComponent("assets/app.js"), encoding: .utf8)
    let start = try XCTUnwrap(app.range(of: "var signals = {"))
    let end = try XCTUnwrap(app.range(of: "\n  };", range: start.upperBound..<app.endIndex))
    let table = app[start.upperBound..<end.lowerBound]
    for signal in SearchIndex.signals {
      XCTAssertTrue(table.contains("\n    \(signal.name): "), "app.js's `signals` has no function for `\(signal.name)`")
    }
  }

  /// A prefix's documents come out ascending and once each, whether they stayed a list (few,
  /// as most CJK bigrams reach) or turned into a bitmap (a common prefix), and at the switch.
  func testPrefixDocumentSetsAreAscendingAndUnique() {
    var generator = SeededGenerator(seed: 3)
    for documents in [1, 63, 64, 65, 1000] {
      let words = (documents + 63) / 64
      for total in [0, 1, words, words + 1, 5 * words + 3, 4 * documents] {
        var builder = IDSetBuilder(documents: documents)
        var all: [Int] = []
        while all.count < total {
          // One term's postings: ascending, as `postings` holds them.
          let term = Set((0..<Int.random(in: 1...7, using: &generator)).map { _ in Int.random(in: 0..<documents, using: &generator) }).sorted()
          let taken = Array(term.prefix(total - all.count))
          builder.insert(taken)
          all += taken
        }
        XCTAssertEqual(builder.ascending, Set(all).sorted(), "\(documents) documents, \(total) ids")
      }
    }
  }
}
