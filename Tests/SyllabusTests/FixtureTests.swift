import Foundation
import SyllabusBuild
import SyllabusModel
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

  /// Each lint rule has its own fixtures, Tests/Fixtures/lints/<id>/<case>/, whose expected.txt
  /// lists that rule's diagnostics only: the run is filtered by the rule's id, so a new rule
  /// that fires on a common shape leaves every other rule's fixtures alone. Apart from lints a
  /// fixture site must be clean, or it would test something else.
  func testEveryLintRuleHasFixturesReportingExactlyItsDiagnostics() throws {
    let root = TestSupport.fixtures.appendingPathComponent("lints")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted(), LintRules.ids.sorted(), "one folder per rule, named by its id")
    for id in LintRules.ids {
      let folder = root.appendingPathComponent(id)
      let cases = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()) ?? []
      XCTAssertFalse(cases.isEmpty, "lint `\(id)` has no fixture under Tests/Fixtures/lints/\(id)/")
      for name in cases {
        let dir = folder.appendingPathComponent(name)
        let expected = try String(contentsOf: dir.appendingPathComponent("expected.txt"), encoding: .utf8)
        let run = try TestSupport.run(["check", "--templates", TestSupport.templates.path], in: dir)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let own = lines.filter { $0.hasSuffix("(lint `\(id)`)") }
        XCTAssertEqual(own.map { $0 + "\n" }.joined(), expected, "lint fixture \(id)/\(name)")
        let others = lines.filter { ($0.contains(": warning: ") || $0.contains(": error: ")) && !$0.contains("(lint `") }
        XCTAssertEqual(others, [], "lint fixture \(id)/\(name) must have no diagnostics but lints")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["content", "expected.txt"], "check writes nothing")
      }
    }
  }

  /// `lints: {missing-answer: error}`: the finding is an error, and it fails `build` as well.
  func testAnErrorLintFailsCheckAndBuild() throws {
    let dir = TestSupport.fixtures.appendingPathComponent("lints/missing-answer/error")
    let check = try TestSupport.run(["check", "--templates", TestSupport.templates.path], in: dir)
    XCTAssertEqual(check.status, 1, check.stderr)
    let output = try TestSupport.temporaryDirectory().appendingPathComponent("public")
    // --no-cache: the fixture folders are the repository's, and the other lint test checks
    // that nothing but the fixture is in them.
    let build = try TestSupport.run(["build", "--no-cache", "--templates", TestSupport.templates.path, "--output", output.path], in: dir)
    XCTAssertEqual(build.status, 1, build.stderr)
    XCTAssertTrue(build.stderr.contains("content/questions/a/q.md:1:1: error: question has no `## Answer` section"), build.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
    // The same site with the lint at its default severity builds: lints are `check`'s business.
    let fires = TestSupport.fixtures.appendingPathComponent("lints/missing-answer/fires")
    let built = try TestSupport.run(["build", "--no-cache", "--templates", TestSupport.templates.path, "--output", output.path], in: fires)
    XCTAssertEqual(built.status, 0, built.stderr)
    XCTAssertFalse(built.stderr.contains("lint `"), built.stderr)
  }

  /// docs/cli.md lists every lint with its id, default severity and what it reports: the
  /// table between the markers is `LintRules.docsTable`, so the docs cannot drift.
  /// Run with SYLLABUS_UPDATE_DOCS=1 to rewrite the table from the rules, as for the field
  /// tables (FieldDeclarationTests): a new lint does not need a hand-written docs row.
  func testDocsListEveryLint() throws {
    let url = TestSupport.packageRoot.appendingPathComponent("docs/cli.md")
    let docs = try String(contentsOf: url, encoding: .utf8)
    let start = "<!-- lints: generated from LintRules.all, checked by FixtureTests -->\n", end = "<!-- end of lints -->"
    guard let from = docs.range(of: start), let to = docs.range(of: end, range: from.upperBound..<docs.endIndex) else {
      return XCTFail("docs/cli.md lacks the lints table markers")
    }
    if ProcessInfo.processInfo.environment["SYLLABUS_UPDATE_DOCS"] == "1" {
      try docs.replacingCharacters(in: from.upperBound..<to.lowerBound, with: LintRules.docsTable).write(to: url, atomically: true, encoding: .utf8)
      return
    }
    XCTAssertEqual(
      String(docs[from.upperBound..<to.lowerBound]), LintRules.docsTable,
      "the lints table in docs/cli.md is stale; rerun with SYLLABUS_UPDATE_DOCS=1, or replace it with:\n\(LintRules.docsTable)")
  }

  func testUnknownLintNamesAreLocatedWithTheNearestName() {
    let settings = [LintSetting(name: Located("tag-used-twice", at: SourceLocation(file: "content/guide.yml", line: 3, column: 9)), level: .off)]
    let diagnostics = LintRules.validate(settings)
    XCTAssertEqual(diagnostics.map(\.description), [
      "content/guide.yml:3:9: error: unknown lint `tag-used-twice`; did you mean `tag-used-once`? The lints are "
        + LintRules.ids.map { "`\($0)`" }.joined(separator: ", "),
    ])
    XCTAssertEqual(LintRules.validate([LintSetting(name: Located("orphan-page", at: SourceLocation(file: "g")), level: .error)]).count, 0)
  }

  func testCheckJSONIsMachineReadable() throws {
    let dir = TestSupport.fixtures.appendingPathComponent("lints/tag-used-once/named")
    let run = try TestSupport.run(["check", "--format", "json", "--templates", TestSupport.templates.path], in: dir)
    XCTAssertEqual(run.status, 0)
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    XCTAssertEqual(object?["warnings"] as? Int, 1)
    let first = (object?["diagnostics"] as? [[String: Any]])?.first
    XCTAssertEqual(first?["file"] as? String, "content/questions/a/r.md")
    XCTAssertEqual(first?["line"] as? Int, 4)
    XCTAssertEqual(first?["column"] as? Int, 18)
    XCTAssertEqual(first?["lint"] as? String, "tag-used-once")
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
