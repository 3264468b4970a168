import Foundation
import SyllabusModel

/// The one `node` child a build (or a whole `serve` session) talks to. It is started the
/// first time a formula or a code block needs it and ends when this object goes away
/// (closing its standard input ends the script).
final class RendererProcess {
  /// What the script found on this machine.
  struct Capabilities {
    /// KaTeX's module folder (its stylesheet and fonts are under `dist/`), nil without KaTeX.
    var katexDirectory: String?
    var highlighter: Bool
    /// The modules' versions ("" when missing), part of the on-disk cache's name.
    var katexVersion = "", highlighterVersion = ""
  }

  /// The error of a renderer that went away: the one answer never cached.
  static let stopped = "the renderer process stopped answering"

  enum Answer: Equatable {
    case html(String)
    /// A KaTeX error message, and where in the TeX it is (UTF-16 offset) when KaTeX says.
    case error(String, position: Int?)
    /// No highlighter for this language (or none at all): the code stays plain text.
    case plain
  }

  private(set) var capabilities = Capabilities(katexDirectory: nil, highlighter: false)
  private let process: Process
  private let input: FileHandle
  private let output: FileHandle
  /// What the child has written and this side has not read yet, from `bufferStart` on.
  private var buffer: [UInt8] = []
  private var bufferStart = 0

  /// `node` (or Debian's older name `nodejs`) on PATH.
  static func findNode(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
    let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for name in ["node", "nodejs"] {
      for folder in folders where !folder.isEmpty {
        let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      }
    }
    return nil
  }

  init?(node: URL) {
    let process = Process()
    process.executableURL = node
    process.arguments = ["-e", RendererScript.source]
    let stdin = Pipe(), stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    self.process = process
    self.input = stdin.fileHandleForWriting
    self.output = stdout.fileHandleForReading
    guard let line = readLine(), let hello = Self.object(line) else { return nil }
    capabilities = Capabilities(
      katexDirectory: hello["katex"] as? String, highlighter: hello["hljs"] as? Bool ?? false,
      katexVersion: hello["katexVersion"] as? String ?? "", highlighterVersion: hello["hljsVersion"] as? String ?? "")
  }

  deinit {
    try? input.close()
    process.waitUntilExit()
  }

  /// Sends every request and returns the answers in the same order. Requests are written on
  /// another thread while this one reads: with both pipes full, neither side would move.
  func render(_ pieces: [TypesetPiece]) -> [Answer] {
    guard !pieces.isEmpty else { return [] }
    let requests = pieces.map { piece -> String in
      switch piece {
      case .math(let formula): return "{\"tex\":\(JSONText.quote(formula.tex)),\"display\":\(formula.display)}\n"
      case .code(let language, let text): return "{\"code\":\(JSONText.quote(text)),\"language\":\(JSONText.quote(language))}\n"
      }
    }
    let writer = input
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      var chunk = ""
      for request in requests {
        chunk += request
        if chunk.utf8.count > 1 << 16 {
          writer.write(Data(chunk.utf8))
          chunk = ""
        }
      }
      if !chunk.isEmpty { writer.write(Data(chunk.utf8)) }
      done.signal()
    }
    var answers: [Answer] = []
    answers.reserveCapacity(pieces.count)
    for _ in pieces { answers.append(readAnswer()) }
    done.wait()
    return answers
  }

  /// One framed answer (see RendererScript for the format).
  private func readAnswer() -> Answer {
    guard let header = readLine(), let kind = header.first else {
      return .error(Self.stopped, position: nil)
    }
    let fields = String(decoding: header.dropFirst(2), as: UTF8.self)
    switch kind {
    case UInt8(ascii: "h"):
      guard let count = Int(fields), let html = readString(count) else { return .error(Self.stopped, position: nil) }
      return .html(html)
    case UInt8(ascii: "e"):
      let parts = fields.split(separator: " ", maxSplits: 1)
      let position = parts.first.flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil }
      return .error(parts.count > 1 ? String(parts[1]) : "unknown error", position: position)
    default:
      return .plain
    }
  }

  /// Nil for a line that is not a JSON object: the process is then not used, and each formula
  /// reports the missing renderer (`Typesetter.missingRendererMessage`), so nothing is hidden.
  private static func object(_ line: [UInt8]) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
  }

  // The answers are most of what a build reads (KaTeX writes kilobytes per formula), so they
  // are read with read(2) into one buffer that is compacted in place and never shared: a
  // slice of it kept across a read, or a new `Data` per read, made every read copy the
  // buffer or touch fresh pages, and that cost more than the rest of the typeset step.

  /// One line from the child's standard output (a copy: lines are short), without its
  /// newline; nil at end of file.
  private func readLine() -> [UInt8]? {
    var searched = bufferStart
    while true {
      if let newline = buffer[searched...].firstIndex(of: UInt8(ascii: "\n")) {
        let line = Array(buffer[bufferStart..<newline])
        bufferStart = newline + 1
        return line
      }
      searched = buffer.count
      let before = bufferStart
      guard fill() else { return nil }
      searched -= before - bufferStart
    }
  }

  /// The next `count` bytes of the child's standard output as text; nil at end of file.
  private func readString(_ count: Int) -> String? {
    while buffer.count - bufferStart < count {
      guard fill() else { return nil }
    }
    defer { bufferStart += count }
    return buffer.withUnsafeBufferPointer { bytes in
      String(decoding: UnsafeBufferPointer(rebasing: bytes[bufferStart..<bufferStart + count]), as: UTF8.self)
    }
  }

  /// Reads what the child has written so far; false at end of file. Bytes already handed
  /// out are dropped first, so the buffer only grows for an answer longer than it.
  private func fill() -> Bool {
    if bufferStart > 0 && bufferStart >= buffer.count / 2 {
      buffer.removeSubrange(0..<bufferStart)
      bufferStart = 0
    }
    let chunk = 1 << 16
    let start = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: chunk))
    let descriptor = output.fileDescriptor
    var got = -1
    buffer.withUnsafeMutableBufferPointer { bytes in
      repeat {
        got = read(descriptor, bytes.baseAddress! + start, chunk)
      } while got < 0 && errno == EINTR
    }
    buffer.removeSubrange((start + max(0, got))...)
    return got > 0
  }
}
