import Foundation
import XCTest

@testable import SyllabusRenderer

/// The ranking's signals are declared once (`SearchIndex.signals`): the index ships their
/// names and weights, and app.js must know how to count each one (it throws on a name it
/// does not know, so a missing function cannot quietly score zero).
final class SearchSignalTests: XCTestCase {
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
}
