import Foundation
import XCTest

/// Paths and a runner for the `syllabus` binary the tests drive end to end.
enum TestSupport {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")
  static let templates = packageRoot.appendingPathComponent("templates")

  static var binary: URL {
    let candidates = [".build/debug/syllabus", ".build/release/syllabus"].map { packageRoot.appendingPathComponent($0) }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `syllabus` with `arguments` in `directory`.
  static func run(_ arguments: [String], in directory: URL) throws -> Run {
    try run(executable: binary, arguments, in: directory)
  }

  /// Runs any program (a wrapper such as `runuser` or `sh -c 'ulimit …'`) in `directory`.
  static func run(executable: URL, _ arguments: [String], in directory: URL) throws -> Run {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
  }

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("syllabus-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Every file under `folder` with its bytes, to compare output trees.
  static func snapshot(_ folder: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return out }
    for case let path as String in walker {
      var isDirectory: ObjCBool = false
      let url = folder.appendingPathComponent(path)
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
        out[path] = FileManager.default.contents(atPath: url.path)
      }
    }
    return out
  }

  /// Copies a fixture's `content/` into a fresh folder, so tests can build beside it.
  static func copyFixture(_ name: String) throws -> URL {
    let dir = try temporaryDirectory()
    try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name).appendingPathComponent("content"), to: dir.appendingPathComponent("content"))
    return dir
  }
}
