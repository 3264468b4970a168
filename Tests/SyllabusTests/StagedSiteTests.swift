import Foundation
import XCTest

@testable import SyllabusModel
@testable import SyllabusWriter

/// The staged writer: a site listed in full first, then written batch by batch, swapped in
/// only when complete; any failure leaves the previous site and no staging folder.
final class StagedSiteTests: XCTestCase {
  var parent: URL!
  var output: URL { parent.appendingPathComponent("public") }
  var writer: OutputWriter { OutputWriter(output: output, protected: []) }

  override func setUpWithError() throws {
    parent = FileManager.default.temporaryDirectory.appendingPathComponent("staged-site-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: parent) }

  func text(_ path: String, in folder: URL? = nil) throws -> String {
    try String(contentsOf: (folder ?? output).appendingPathComponent(path), encoding: .utf8)
  }

  /// Everything beside the output folder that a build left: staging or set-aside folders.
  func leftovers() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0 != "public" }
  }

  func previousSite() throws {
    try writer.write([OutputFile(path: "index.html", text: "old home"), OutputFile(path: "a/old.html", text: "old page")])
  }

  func assertPreviousSiteIntact(file: StaticString = #filePath, line: UInt = #line) throws {
    XCTAssertEqual(try text("index.html"), "old home", file: file, line: line)
    XCTAssertEqual(try text("a/old.html"), "old page", file: file, line: line)
    XCTAssertEqual(writer.readManifest(output), ["a/old.html", "index.html"], file: file, line: line)
    XCTAssertEqual(try leftovers(), [], "the staging folder must go", file: file, line: line)
  }

  func testBatchesMakeOneSiteWhoseManifestListsEveryFile() throws {
    try previousSite()
    let site = try writer.begin(paths: ["index.html", "b/c.html", "b/d/e.html"])
    try site.write([OutputFile(path: "b/c.html", text: "c")])
    // Until the swap, the output is the previous site.
    XCTAssertEqual(try text("index.html"), "old home")
    try site.write([OutputFile(path: "index.html", text: "home"), OutputFile(path: "b/d/e.html", text: "e")])
    try site.commit()
    XCTAssertEqual(try text("index.html"), "home")
    XCTAssertEqual(try text("b/c.html"), "c")
    XCTAssertEqual(try text("b/d/e.html"), "e")
    XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("a/old.html").path), "the previous site's own file goes")
    XCTAssertEqual(writer.readManifest(output), ["b/c.html", "b/d/e.html", "index.html"])
    XCTAssertEqual(try leftovers(), [])
    XCTAssertThrowsError(try site.write([]), "a committed site takes no more files")
  }

  /// The manifest is on disk before the first batch, so the staging folder of a build killed
  /// midway is recognisably the tool's, and the next build removes it.
  func testAKilledBuildsStagingFolderIsListedInFullAndRemovedNextTime() throws {
    let site = try writer.begin(paths: ["index.html", "b/c.html"])
    try site.write([OutputFile(path: "b/c.html", text: "c")])
    let staging = try XCTUnwrap(try leftovers().first)
    XCTAssertEqual(writer.readManifest(parent.appendingPathComponent(staging)), ["b/c.html", "index.html"])
    // The next build (here in the same process, so with the same staging name) clears it.
    try previousSite()
    XCTAssertEqual(try leftovers(), [])
    XCTAssertEqual(try text("index.html"), "old home")
  }

  func testAFileThatWasNotPlannedFailsTheSiteAndKeepsThePreviousOne() throws {
    try previousSite()
    let site = try writer.begin(paths: ["index.html", "b/c.html"])
    try site.write([OutputFile(path: "index.html", text: "home")])
    XCTAssertThrowsError(try site.write([OutputFile(path: "b/unplanned.html", text: "x")])) { error in
      XCTAssertTrue("\(error)".contains("b/unplanned.html"), "\(error)")
    }
    try assertPreviousSiteIntact()
    XCTAssertThrowsError(try site.commit(), "a failed site cannot be swapped in")
    try assertPreviousSiteIntact()
  }

  func testAFileWrittenTwiceFailsTheSite() throws {
    try previousSite()
    let site = try writer.begin(paths: ["index.html", "b/c.html"])
    try site.write([OutputFile(path: "index.html", text: "home")])
    XCTAssertThrowsError(try site.write([OutputFile(path: "index.html", text: "again")]))
    try assertPreviousSiteIntact()
  }

  func testASiteMissingAPlannedFileIsNeverSwappedIn() throws {
    try previousSite()
    let site = try writer.begin(paths: ["index.html", "b/c.html"])
    try site.write([OutputFile(path: "index.html", text: "home")])
    XCTAssertThrowsError(try site.commit()) { error in XCTAssertTrue("\(error)".contains("b/c.html"), "\(error)") }
    try assertPreviousSiteIntact()
  }

  /// A write that fails midway (here: a planned file whose name is longer than the file
  /// system allows, which fails for root too) removes what was staged so far, the earlier
  /// batches included.
  func testAWriteErrorMidwayRemovesTheStageAndKeepsThePreviousSite() throws {
    try previousSite()
    let tooLong = "b/" + String(repeating: "x", count: 300) + ".html"
    let site = try writer.begin(paths: ["index.html", "b/c.html", tooLong])
    try site.write([OutputFile(path: "index.html", text: "home"), OutputFile(path: "b/c.html", text: "c")])
    XCTAssertThrowsError(try site.write([OutputFile(path: tooLong, text: "x")])) { error in
      XCTAssertTrue("\(error)".contains("the previous site is unchanged"), "\(error)")
    }
    try assertPreviousSiteIntact()
  }

  func testADiscardedSiteLeavesThePreviousOne() throws {
    try previousSite()
    let site = try writer.begin(paths: ["index.html"])
    try site.write([OutputFile(path: "index.html", text: "home")])
    site.discard()
    try assertPreviousSiteIntact()
    XCTAssertThrowsError(try site.commit())
  }

  func testAPathPlannedTwiceIsRefusedBeforeAnythingIsStaged() throws {
    try previousSite()
    XCTAssertThrowsError(try writer.begin(paths: ["index.html", "index.html"]))
    XCTAssertThrowsError(
      try writer.begin(paths: ["a/old.html"], unchanged: [("a/old.html", FileStamp(inode: 0, size: -1, modified: 0, changed: 0))]))
    try assertPreviousSiteIntact()
  }

  /// Stale `unchanged` stamps are found by `begin`, before the caller renders anything.
  func testAStaleUnchangedFileFailsBeginAndNamesIt() throws {
    try previousSite()
    let stamps = writer.stamps(of: ["a/old.html"])
    try Data("edited".utf8).write(to: output.appendingPathComponent("a/old.html"))
    XCTAssertThrowsError(try writer.begin(paths: ["index.html"], unchanged: [("a/old.html", stamps["a/old.html"]!)])) { error in
      XCTAssertEqual((error as? OutputWriter.Failure)?.stale, ["a/old.html"])
    }
    XCTAssertEqual(try leftovers(), [])
    XCTAssertEqual(try text("a/old.html"), "edited")
  }

  /// A file handed over in pieces (a print document) arrives whole, however the pieces fall
  /// across the writer's chunks, and follows the same listing rules as a batch.
  func testAFileWrittenInPiecesArrivesWholeAndOnlyOnce() throws {
    let big = (0..<(PieceWriter.chunkSize * 2 + 77)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let site = try writer.begin(paths: ["print.html", "index.html"])
    try site.write("print.html") { emit in
      var offset = 0
      for size in [0, 1, 5000, PieceWriter.chunkSize, 3] + Array(repeating: 100_000, count: 10) where offset < big.count {
        let end = min(big.count, offset + size)
        big.withUnsafeBytes { emit(UnsafeRawBufferPointer(rebasing: $0[offset..<end])) }
        offset = end
      }
      big.withUnsafeBytes { emit(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
    }
    XCTAssertThrowsError(try site.write("print.html") { _ in }, "a path written twice")
    XCTAssertThrowsError(try writer.begin(paths: ["index.html"]).write("other.html") { _ in }, "a path not planned")
    try previousSite()
    let again = try writer.begin(paths: ["print.html", "index.html"])
    try again.write("print.html") { emit in big.withUnsafeBytes(emit) }
    try again.write([OutputFile(path: "index.html", text: "home")])
    try again.commit()
    XCTAssertEqual(try Data(contentsOf: output.appendingPathComponent("print.html")), Data(big))
  }

  /// A file made in pieces whose bytes equal the previous site's copy is that copy, linked;
  /// one that differs anywhere, even in its last byte or by being shorter, is written anew.
  func testAFileWrittenInPiecesLinksThePreviousCopyOnlyWhenEqual() throws {
    let bytes = Array(repeating: UInt8(ascii: "a"), count: PieceWriter.chunkSize + 10)
    try writer.write([OutputFile(path: "same.html", contents: Data(bytes)), OutputFile(path: "last.html", contents: Data(bytes)),
      OutputFile(path: "short.html", contents: Data(bytes))])
    let before = writer.stamps(of: ["same.html", "last.html", "short.html"])
    let site = try writer.begin(paths: ["same.html", "last.html", "short.html"])
    try site.write("same.html") { emit in bytes.withUnsafeBytes(emit) }
    try site.write("last.html") { emit in (bytes.dropLast() + [UInt8(ascii: "b")]).withUnsafeBytes(emit) }
    try site.write("short.html") { emit in bytes.dropLast().withUnsafeBytes(emit) }
    try site.commit()
    let after = writer.stamps(of: ["same.html", "last.html", "short.html"])
    XCTAssertEqual(after["same.html"]?.inode, before["same.html"]?.inode, "an equal file is the previous copy")
    XCTAssertNotEqual(after["last.html"]?.inode, before["last.html"]?.inode)
    XCTAssertNotEqual(after["short.html"]?.inode, before["short.html"]?.inode)
    XCTAssertEqual(try Data(contentsOf: output.appendingPathComponent("last.html")).last, UInt8(ascii: "b"))
    XCTAssertEqual(try Data(contentsOf: output.appendingPathComponent("short.html")).count, bytes.count - 1)
    XCTAssertEqual(try leftovers(), [])
  }
}
