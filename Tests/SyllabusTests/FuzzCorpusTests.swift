import Foundation
import XCTest

/// Every input under Fuzz/corpus (seeds and fixed crashes, see `make fuzz`) goes through the
/// fuzz target again, built without libFuzzer, so a fixed crash cannot come back unnoticed.
final class FuzzCorpusTests: XCTestCase {
  func testEveryCorpusInputReplaysWithoutACrash() throws {
    let corpus = TestSupport.packageRoot.appendingPathComponent("Fuzz/corpus")
    let inputs = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { !$0.hasPrefix(".") }
    XCTAssertFalse(inputs.isEmpty)
    let replay = TestSupport.packageRoot.appendingPathComponent(".build/debug/syllabus-fuzz")
    XCTAssertTrue(FileManager.default.isExecutableFile(atPath: replay.path), "build it first: swift build (make test does)")
    let run = try TestSupport.run(executable: replay, [corpus.path], in: TestSupport.packageRoot)
    XCTAssertEqual(run.status, 0, "a corpus input crashed the fuzz target: \(run.stderr)")
    XCTAssertEqual(run.stdout, "replayed \(inputs.count) fuzz inputs without a crash\n")
    let missing = try TestSupport.run(executable: replay, [corpus.appendingPathComponent("no-such-input").path], in: TestSupport.packageRoot)
    XCTAssertEqual(missing.status, 1, "a missing input must not pass as nothing replayed")
  }
}
