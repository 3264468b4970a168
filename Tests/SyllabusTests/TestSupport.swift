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

  /// Opens `folder` and everything in it for reading (and folders and programs for traversal
  /// and running) by every user, so a test can run the tool as an unprivileged one. Returns
  /// false when a folder above `folder` is closed to others, which a test must not change.
  static func makeReadableByEveryone(_ folder: URL) throws -> Bool {
    var paths = [folder.path]
    if let walker = FileManager.default.enumerator(atPath: folder.path) {
      for case let path as String in walker { paths.append(folder.appendingPathComponent(path).path) }
    }
    for path in paths {
      var info = stat()
      guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFLNK else { continue }
      let runnable = (info.st_mode & S_IFMT) == S_IFDIR || (info.st_mode & S_IXUSR) != 0
      let extra: mode_t = runnable ? (S_IRGRP | S_IXGRP | S_IROTH | S_IXOTH) : (S_IRGRP | S_IROTH)
      if chmod(path, (info.st_mode | extra) & 0o7777) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM) }
    }
    var parent = folder.deletingLastPathComponent()
    while parent.path != "/" {
      var info = stat()
      guard stat(parent.path, &info) == 0, info.st_mode & S_IXOTH != 0 else { return false }
      parent = parent.deletingLastPathComponent()
    }
    return true
  }

  /// A runner of `syllabus` as `nobody`, for tests where permissions must count (root ignores
  /// them). The checkout may sit where `nobody` cannot reach it (CI clones under /root, mode
  /// 700), so the binary and templates are copied into `dir` and `dir` is opened to everyone;
  /// the runner appends `--templates` with that copy. Change permissions after this call.
  static func runnerAsNobody(in dir: URL) throws -> (_ arguments: [String]) throws -> Run {
    guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else {
      throw XCTSkip("needs root and runuser to drop to an unprivileged user")
    }
    let binary = dir.appendingPathComponent("syllabus"), templates = dir.appendingPathComponent("templates")
    try FileManager.default.copyItem(at: Self.binary, to: binary)
    try FileManager.default.copyItem(at: Self.templates, to: templates)
    guard try makeReadableByEveryone(dir) else {
      throw XCTSkip("the temporary folder \(dir.path) sits inside a folder other users cannot enter")
    }
    return { arguments in
      try run(executable: URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "nobody", "--", binary.path] + arguments + ["--templates", templates.path], in: dir)
    }
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
