import Foundation
import XCTest

/// The CLI end to end: exit codes, stderr, and that no output is ever lost or overwritten.
final class CLITests: XCTestCase {
  func build(_ dir: URL, _ extra: [String] = []) throws -> TestSupport.Run {
    try TestSupport.run(["build", "--templates", TestSupport.templates.path] + extra, in: dir)
  }

  func testSuccessfulBuildThenFailedBuildLeavesPublicUntouched() throws {
    let dir = try TestSupport.copyFixture("valid")
    let first = try build(dir)
    XCTAssertEqual(first.status, 0, first.stderr)
    let before = TestSupport.snapshot(dir.appendingPathComponent("public"))
    XCTAssertGreaterThan(before.count, 10)
    XCTAssertNotNil(before[".syllabus-manifest"])
    // Break a file: the build must fail, name the problem, and keep the old site byte for byte.
    let topic = dir.appendingPathComponent("content/topics/advanced.md")
    try "---\ntitle: \"Advanced\"\nlayer: nowhere\n---\nBody\n".write(to: topic, atomically: true, encoding: .utf8)
    let second = try build(dir)
    XCTAssertEqual(second.status, 1)
    XCTAssertTrue(second.stderr.contains("content/topics/advanced.md:3:8: error: unknown layer `nowhere`"), second.stderr)
    XCTAssertEqual(TestSupport.snapshot(dir.appendingPathComponent("public")), before)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".public") }
    XCTAssertEqual(leftovers, [])
  }

  /// A warning found only while pages are rendered, under --strict: by then pages are being
  /// staged, and the staging folder must go with the previous site left as it was.
  func testAStrictBuildFailingMidRenderLeavesPublicUntouched() throws {
    let dir = try TestSupport.copyFixture("valid")
    XCTAssertEqual(try build(dir).status, 0)
    let before = TestSupport.snapshot(dir.appendingPathComponent("public"))
    let theme = dir.appendingPathComponent("theme")
    try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
    try "<p>{{absentValue}}</p>\n".write(to: theme.appendingPathComponent("notfound.mustache"), atomically: true, encoding: .utf8)
    let run = try TestSupport.run(["build", "--templates", theme.path, "--strict"], in: dir)
    XCTAssertEqual(run.status, 1, run.stderr)
    XCTAssertTrue(run.stderr.contains("{{absentValue}}` has no value on page `404.html`"), run.stderr)
    XCTAssertEqual(TestSupport.snapshot(dir.appendingPathComponent("public")), before)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".public") }
    XCTAssertEqual(leftovers, [])
  }

  func testRebuildReplacesOwnOutputAndIsDeterministic() throws {
    let dir = try TestSupport.copyFixture("valid")
    XCTAssertEqual(try build(dir).status, 0)
    let first = TestSupport.snapshot(dir.appendingPathComponent("public"))
    XCTAssertEqual(try build(dir).status, 0)
    XCTAssertEqual(TestSupport.snapshot(dir.appendingPathComponent("public")), first)
  }

  func testForeignOutputFolderIsRefused() throws {
    let dir = try TestSupport.copyFixture("valid")
    let output = dir.appendingPathComponent("public")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    try "mine".write(to: output.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    let run = try build(dir)
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("is not empty and was not created by syllabus"), run.stderr)
    XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("notes.txt"), encoding: .utf8), "mine")
  }

  func testForeignFileAddedToOwnOutputIsKept() throws {
    let dir = try TestSupport.copyFixture("valid")
    XCTAssertEqual(try build(dir).status, 0)
    let extra = dir.appendingPathComponent("public/CNAME")
    try "example.org".write(to: extra, atomically: true, encoding: .utf8)
    let run = try build(dir)
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("holds files syllabus did not write (CNAME)"), run.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: extra.path))
  }

  func testDangerousOutputFoldersAreRefused() throws {
    let dir = try TestSupport.copyFixture("valid")
    for output in ["/", NSHomeDirectory(), "content", ".", "content/topics"] {
      let run = try build(dir, ["--output", output])
      XCTAssertEqual(run.status, 1, "output \(output)")
      XCTAssertTrue(run.stderr.contains("refusing to write the site"), "\(output): \(run.stderr)")
    }
    XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("content/guide.yml").path))
  }

  func testMissingContentFolderIsALocatedError() throws {
    let dir = try TestSupport.temporaryDirectory()
    let run = try build(dir)
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.hasPrefix("content:1:1: error: no guide here"), run.stderr)
  }

  func testBrokenTemplateIsReportedWithItsLocation() throws {
    let dir = try TestSupport.copyFixture("valid")
    let templates = dir.appendingPathComponent("templates")
    try FileManager.default.copyItem(at: TestSupport.templates, to: templates)
    try "<p>{{#open}} never closed</p>\n".write(to: templates.appendingPathComponent("tag.mustache"), atomically: true, encoding: .utf8)
    try "{{> missing-partial}}\n".write(to: templates.appendingPathComponent("tags.mustache"), atomically: true, encoding: .utf8)
    let run = try TestSupport.run(["build", "--templates", "templates"], in: dir)
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("templates/tag.mustache:"), run.stderr)
    XCTAssertTrue(run.stderr.contains("templates/tags.mustache:1:1: error: template references partial `missing-partial`"), run.stderr)
  }
}
