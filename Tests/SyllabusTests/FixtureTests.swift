import Foundation
import XCTest

/// Broken sites under Tests/Fixtures/invalid/<case>/ each assert their exact diagnostics and
/// exit code (expected.txt); the valid site asserts the `<main>` of chosen pages.
final class FixtureTests: XCTestCase {
  func testEveryInvalidFixtureReportsExactlyItsDiagnostics() throws {
    let root = TestSupport.fixtures.appendingPathComponent("invalid")
    let cases = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
    XCTAssertGreaterThanOrEqual(cases.count, 10)
    for name in cases {
      let dir = root.appendingPathComponent(name)
      let expected = try String(contentsOf: dir.appendingPathComponent("expected.txt"), encoding: .utf8)
      let output = try TestSupport.temporaryDirectory().appendingPathComponent("public")
      let run = try TestSupport.run(
        ["build", "--content", "content", "--templates", TestSupport.templates.path, "--output", output.path, "--strict"], in: dir)
      XCTAssertEqual(run.stderr + "exit \(run.status)\n", expected, "fixture \(name)")
      XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "fixture \(name) must not write output")
    }
  }

  func testPathWarningsPassWithoutStrict() throws {
    let dir = TestSupport.fixtures.appendingPathComponent("invalid/path-order")
    let output = try TestSupport.temporaryDirectory().appendingPathComponent("public")
    let run = try TestSupport.run(["build", "--templates", TestSupport.templates.path, "--output", output.path], in: dir)
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(run.stderr.contains("warning: `b` is scheduled in week 1, before its prerequisite `a` (week 2)"))
  }

  func testValidFixtureMatchesExpectedPages() throws {
    let dir = TestSupport.fixtures.appendingPathComponent("valid")
    let output = try TestSupport.temporaryDirectory().appendingPathComponent("public")
    let run = try TestSupport.run(["build", "--templates", TestSupport.templates.path, "--output", output.path, "--strict"], in: dir)
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(run.stderr.hasPrefix("built "), run.stderr)
    let expectedRoot = dir.appendingPathComponent("expected")
    let pages = try FileManager.default.subpathsOfDirectory(atPath: expectedRoot.path).filter { $0.hasSuffix(".html") }.sorted()
    XCTAssertGreaterThanOrEqual(pages.count, 5)
    for page in pages {
      let built = try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)
      let expected = try String(contentsOf: expectedRoot.appendingPathComponent(page), encoding: .utf8)
      XCTAssertEqual(Self.main(of: built), expected, "page \(page): regenerate with `make fixtures` only after reviewing the change")
    }
    let sitemap = try String(contentsOf: output.appendingPathComponent("sitemap.xml"), encoding: .utf8)
    XCTAssertTrue(sitemap.contains("<loc>https://example.org/guide/topics/basics.html</loc>"))
  }

  /// The `<main>` element of a page: the part a fixture pins (the frame is tested elsewhere).
  static func main(of html: String) -> String {
    guard let start = html.range(of: "<main"), let end = html.range(of: "</main>") else { return "" }
    return String(html[start.lowerBound..<end.upperBound]) + "\n"
  }
}
