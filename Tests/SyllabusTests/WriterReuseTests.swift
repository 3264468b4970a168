import Foundation
import XCTest

@testable import SyllabusModel
@testable import SyllabusWriter

/// A rebuild links unchanged files from the previous site instead of writing them again.
final class WriterReuseTests: XCTestCase {
  var parent: URL!
  var output: URL { parent.appendingPathComponent("public") }

  override func setUpWithError() throws {
    parent = FileManager.default.temporaryDirectory.appendingPathComponent("writer-reuse-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: parent) }

  func inode(_ path: String) throws -> UInt64 {
    let attributes = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path)
    return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
  }

  func text(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }

  func testUnchangedFilesAreLinkedChangedOnesWrittenAndHandEditsOverwritten() throws {
    let writer = OutputWriter(output: output, protected: [])
    let first = [
      OutputFile(path: "index.html", text: "home"), OutputFile(path: "a/page.html", text: "same"),
      OutputFile(path: "a/edited.html", text: "old"), OutputFile(path: "touched.html", text: "mine"),
    ]
    try writer.write(first)
    let before = try (inode("a/page.html"), inode("a/edited.html"), inode("index.html"))
    // Someone edits a built file by hand, keeping its size: the next build must replace it.
    try Data("MINE".utf8).write(to: output.appendingPathComponent("touched.html"))
    try writer.write([
      OutputFile(path: "index.html", text: "home"), OutputFile(path: "a/page.html", text: "same"),
      OutputFile(path: "a/edited.html", text: "new!"), OutputFile(path: "touched.html", text: "mine"),
    ])
    XCTAssertEqual(try inode("a/page.html"), before.0, "an unchanged page was written again instead of linked")
    XCTAssertEqual(try inode("index.html"), before.2)
    XCTAssertNotEqual(try inode("a/edited.html"), before.1)
    XCTAssertEqual(try text("a/edited.html"), "new!")
    XCTAssertEqual(try text("touched.html"), "mine")
    XCTAssertEqual(try text("a/page.html"), "same")
    XCTAssertNil(writer.preflight())
  }

  func testASymlinkInThePreviousSiteIsNeverLinked() throws {
    let writer = OutputWriter(output: output, protected: [])
    try writer.write([OutputFile(path: "x.html", text: "secret")])
    // Replace the built file by a link to a file outside the site with the same bytes.
    let outside = parent.appendingPathComponent("outside.txt")
    try Data("secret".utf8).write(to: outside)
    try FileManager.default.removeItem(at: output.appendingPathComponent("x.html"))
    try FileManager.default.createSymbolicLink(at: output.appendingPathComponent("x.html"), withDestinationURL: outside)
    try writer.write([OutputFile(path: "x.html", text: "secret")])
    let attributes = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("x.html").path)
    XCTAssertEqual(attributes[.type] as? FileAttributeType, .typeRegular)
    XCTAssertEqual(try text("x.html"), "secret")
    XCTAssertTrue(FileManager.default.fileExists(atPath: outside.path), "the file outside the site must survive")
  }

  /// The previous site is removed path by path from its manifest: a listed file that someone
  /// replaced by a folder of their own keeps that folder and what it holds.
  func testRemovingAnOldSiteSparesAFolderThatReplacedAListedFile() throws {
    let writer = OutputWriter(output: output, protected: [])
    let old = parent.appendingPathComponent("old")
    try FileManager.default.createDirectory(at: old.appendingPathComponent("b"), withIntermediateDirectories: true)
    let manifest = [OutputWriter.manifestHeader, "a.html", "b/c.html"].joined(separator: "\n") + "\n"
    try Data(manifest.utf8).write(to: old.appendingPathComponent(OutputWriter.manifestName))
    try Data("c".utf8).write(to: old.appendingPathComponent("b/c.html"))
    try FileManager.default.createDirectory(at: old.appendingPathComponent("a.html"), withIntermediateDirectories: true)
    try Data("someone else's".utf8).write(to: old.appendingPathComponent("a.html/keep.txt"))
    writer.removeOwnTree(old)
    XCTAssertFalse(FileManager.default.fileExists(atPath: old.appendingPathComponent("b").path), "its own file and folder go")
    XCTAssertFalse(FileManager.default.fileExists(atPath: old.appendingPathComponent(OutputWriter.manifestName).path))
    XCTAssertEqual(try String(contentsOf: old.appendingPathComponent("a.html/keep.txt"), encoding: .utf8), "someone else's")
  }

  /// Preflight lists every entry that is not a folder, symbolic links included even when they
  /// point nowhere or at a folder, so a link the writer did not make stops the build.
  func testAForeignSymbolicLinkInTheOutputIsRefused() throws {
    let writer = OutputWriter(output: output, protected: [])
    try writer.write([OutputFile(path: "index.html", text: "home"), OutputFile(path: "a/b/page.html", text: "page")])
    XCTAssertEqual(writer.allFiles(in: output), [OutputWriter.manifestName, "a/b/page.html", "index.html"])
    try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("a/nowhere").path, withDestinationPath: "/nonexistent-\(UUID())")
    try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("up").path, withDestinationPath: parent.path)
    XCTAssertEqual(writer.allFiles(in: output), [OutputWriter.manifestName, "a/b/page.html", "a/nowhere", "index.html", "up"])
    let refusal = try XCTUnwrap(writer.preflight())
    XCTAssertTrue(refusal.description.contains("(a/nowhere, up)"), refusal.description)
    XCTAssertThrowsError(try writer.write([OutputFile(path: "index.html", text: "new")]))
    XCTAssertEqual(try text("index.html"), "home", "a refused build leaves the site as it was")
  }

  /// A file whose name differs from a listed one only in its Unicode normalisation is another
  /// file on disk, and not ours: the build refuses it instead of moving it aside with the site.
  func testANameEqualToAListedOneOnlyAsUnicodeIsForeign() throws {
    let writer = OutputWriter(output: output, protected: [])
    let composed = "caf\u{E9}.html", decomposed = "cafe\u{301}.html"
    XCTAssertEqual(composed, decomposed, "the two names are equal as Swift Strings")
    try writer.write([OutputFile(path: composed, text: "ours")])
    try Data("theirs".utf8).write(to: output.appendingPathComponent(decomposed))
    guard writer.allFiles(in: output).count == 3 else { throw XCTSkip("this file system folds Unicode normalisation") }
    let refusal = try XCTUnwrap(writer.preflight(), "a file syllabus did not write was taken for its own")
    XCTAssertTrue(refusal.description.contains("did not write"), refusal.description)
  }

  /// A manifest line that climbs out of the folder, or starts at `/`, is never trusted.
  func testManifestPathsThatLeaveTheFolderAreIgnored() throws {
    let writer = OutputWriter(output: output, protected: [])
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    let lines = ["a.html", "..", "../x", "a/../../x", "a/..", "/etc/passwd", "..a/b.html", "a/b..c/..d.html", ".../x", "./a/.html"]
    try Data(([OutputWriter.manifestHeader] + lines).joined(separator: "\n").utf8).write(to: output.appendingPathComponent(OutputWriter.manifestName))
    XCTAssertEqual(writer.readManifest(output), ["a.html", "..a/b.html", "a/b..c/..d.html", ".../x", "./a/.html"])
  }
}
