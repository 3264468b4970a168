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

  /// Each lint of `syllabus check` has a failing site; `clean` passes them all.
  func testEveryCheckFixtureReportsExactlyItsLint() throws {
    let root = TestSupport.fixtures.appendingPathComponent("check")
    let cases = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
    XCTAssertEqual(cases, ["clean", "image-no-alt", "long-cheat-sheet", "no-answer", "no-answer-switched-off", "no-cheat-sheet", "orphan", "tag-once", "tag-once-small-guide"])
    for name in cases {
      let dir = root.appendingPathComponent(name)
      let expected = try String(contentsOf: dir.appendingPathComponent("expected.txt"), encoding: .utf8)
      let run = try TestSupport.run(["check", "--strict", "--templates", TestSupport.templates.path], in: dir)
      XCTAssertEqual(run.stderr + "exit \(run.status)\n", expected, "check fixture \(name)")
      XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["content", "expected.txt"], "check writes nothing")
    }
  }

  func testCheckJSONIsMachineReadable() throws {
    let dir = TestSupport.fixtures.appendingPathComponent("check/tag-once")
    let run = try TestSupport.run(["check", "--format", "json", "--templates", TestSupport.templates.path], in: dir)
    XCTAssertEqual(run.status, 0)
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    XCTAssertEqual(object?["warnings"] as? Int, 1)
    let first = (object?["diagnostics"] as? [[String: Any]])?.first
    XCTAssertEqual(first?["file"] as? String, "content/questions/a/r.md")
    XCTAssertEqual(first?["line"] as? Int, 4)
    XCTAssertEqual(first?["column"] as? Int, 18)
  }

  func testNewCreatesFilesAndRefusesToOverwrite() throws {
    let dir = try TestSupport.copyFixture("valid")
    let created = try TestSupport.run(["new", "question", "fresh-one", "--topic", "basics"], in: dir)
    XCTAssertEqual(created.status, 0, created.stderr)
    XCTAssertEqual(created.stdout, "created content/questions/basics/fresh-one.md\n")
    let again = try TestSupport.run(["new", "question", "fresh-one", "--topic", "basics"], in: dir)
    XCTAssertEqual(again.status, 1)
    XCTAssertEqual(again.stderr, "error: questions/basics/fresh-one.md already exists; refusing to overwrite it\n")
    XCTAssertEqual(try TestSupport.run(["new", "topic", "Bad/Id"], in: dir).status, 1)
    for kind in ["topic", "path", "page"] { XCTAssertEqual(try TestSupport.run(["new", kind, "new-\(kind)"], in: dir).status, 0) }
    // The scaffolds read this guide (its own layer, level and a first chapter for the path), so
    // the site builds under --strict with every new file in it.
    let build = try TestSupport.run(["build", "--strict", "--templates", TestSupport.templates.path], in: dir)
    XCTAssertEqual(build.status, 0, build.stderr)
    XCTAssertTrue(build.stderr.hasPrefix("built "), build.stderr)
    XCTAssertTrue(build.stderr.contains("0 warnings"), build.stderr)
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
