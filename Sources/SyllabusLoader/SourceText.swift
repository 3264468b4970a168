import Foundation
import SyllabusModel

/// Turns a file's bytes into text the rest of the pipeline can trust: UTF-8, no NUL bytes,
/// no byte-order mark, `\n` line endings, and within the size gate.
enum SourceText {
  static func decode(_ data: Data, file: String, limits: Limits) -> Result<String, Diagnostic> {
    let start = SourceLocation(file: file)
    if data.count > limits.maxFileBytes {
      return .failure(.error(start, "file is \(data.count) bytes, over the limit of \(limits.maxFileBytes); split it into smaller files, or raise `limits: max_file_bytes` in guide.yml"))
    }
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
      return .failure(.error(start, "file is UTF-16 encoded; save it as UTF-8"))
    }
    let bom = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    // Fast path: the standard library's validating decoder and a NUL search, both over the
    // raw buffer (iterating `Data` byte by byte was a tenth of a `serve` rebuild).
    // The `\r` search too: `String.utf8.contains` took as long as the rest of the load of a file.
    let fast = data.withUnsafeBytes { raw -> (String, hasCR: Bool)? in
      let bytes = raw.bindMemory(to: UInt8.self)
      guard let base = bytes.baseAddress else { return ("", false) }
      if memchr(base, 0, bytes.count) != nil { return nil }
      return String(validating: UnsafeBufferPointer(rebasing: bytes[bom...]), as: UTF8.self).map { ($0, memchr(base, 0x0D, bytes.count) != nil) }
    }
    if let (decoded, hasCR) = fast {
      var text = decoded
      if hasCR {
        text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
      }
      return .success(text)
    }
    // Slow path, only to say exactly where the bad byte is.
    let bytes = [UInt8](data)
    let body = bytes[bom...]
    if let bad = firstInvalidUTF8(body) {
      let (line, column) = position(of: bad, in: body)
      let what = bytes[bad] == 0 ? "a NUL byte" : String(format: "invalid UTF-8 (byte 0x%02X)", bytes[bad])
      let hint = bytes[bad] == 0 ? "this looks like a binary file; remove it or fix the byte" : "save the file as UTF-8"
      return .failure(.error(SourceLocation(file: file, line: line, column: column), "\(what); \(hint)"))
    }
    var text = String(decoding: body, as: UTF8.self)
    if text.contains("\r") {
      text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
    return .success(text)
  }

  /// Index of the first byte that is not part of valid UTF-8, or is NUL.
  static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
    var i = bytes.startIndex
    while i < bytes.endIndex {
      let b = bytes[i]
      if b == 0 { return i }
      if b < 0x80 { i += 1; continue }
      let length: Int
      let minScalar: UInt32
      switch b {
      case 0xC2...0xDF: length = 2; minScalar = 0x80
      case 0xE0...0xEF: length = 3; minScalar = 0x800
      case 0xF0...0xF4: length = 4; minScalar = 0x10000
      default: return i
      }
      guard i + length <= bytes.endIndex else { return i }
      var scalar = UInt32(b) & (0xFF >> (length + 1))
      for k in 1..<length {
        let c = bytes[i + k]
        guard c & 0xC0 == 0x80 else { return i }
        scalar = scalar << 6 | UInt32(c & 0x3F)
      }
      if scalar < minScalar || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
      i += length
    }
    return nil
  }

  /// 1-based line and column (in characters) of a byte offset.
  static func position(of offset: Int, in bytes: ArraySlice<UInt8>) -> (Int, Int) {
    var line = 1
    var lineStart = bytes.startIndex
    for i in bytes.startIndex..<offset where bytes[i] == 0x0A {
      line += 1
      lineStart = i + 1
    }
    let column = bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
    return (line, column)
  }
}
