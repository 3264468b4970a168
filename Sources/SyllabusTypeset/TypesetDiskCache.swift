import Foundation

/// What a piece is, for caching: a formula by its TeX and display flag, code by its language
/// and text. Equal keys always typeset to the same markup with the same renderer.
enum TypesetKey: Hashable {
  case math(String, display: Bool)
  case code(String, language: String)
}

/// Answers kept on disk between builds and `serve` restarts, in a folder the tool owns and
/// anyone may delete. One file per renderer: its name hashes the renderer script and the
/// KaTeX and highlight.js versions, so a new script or module version starts an empty file
/// and never reads markup another one made. The file is a log of records appended after each
/// batch, in one `write(2)` each; reading stops at the first record that does not parse (a
/// build killed mid-write), so a damaged tail costs only the entries in it.
///
/// Record: kind byte (`m` inline, `d` display, `c` code), language (code only) and source as
/// length-prefixed bytes, then the answer: `h` + markup, `e` + position + message, or `p`.
/// Lengths and the position are 32-bit little-endian.
struct TypesetDiskCache {
  let file: URL

  /// The file for this renderer under `folder`.
  init(folder: URL, script: String, katexVersion: String, highlighterVersion: String) {
    let identity = [script, katexVersion, highlighterVersion].joined(separator: "\u{0}")
    let name = "typeset-v1-" + String(Self.fnv1a(identity), radix: 16) + ".log"
    file = folder.appendingPathComponent(name)
  }

  /// FNV-1a, 64 bit: stable across runs and machines, unlike `Hasher`.
  static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }

  /// Every entry that parses; empty when the file is missing or unreadable.
  func load() -> [TypesetKey: RendererProcess.Answer] {
    guard let data = FileManager.default.contents(atPath: file.path) else { return [:] }
    var out: [TypesetKey: RendererProcess.Answer] = [:]
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      var reader = Reader(bytes: raw)
      while reader.offset < raw.count {
        guard let (key, answer) = reader.record() else { break }
        out[key] = answer
      }
    }
    return out
  }

  /// Appends the entries in one write; a failure (read-only folder, full disk) only means
  /// the next build renders them again.
  func append(_ entries: [(TypesetKey, RendererProcess.Answer)]) {
    guard !entries.isEmpty else { return }
    var bytes: [UInt8] = []
    for (key, answer) in entries { Self.encode(key, answer, into: &bytes) }
    // Then `open` fails and the answers are not kept: a cache miss next time, not an error.
    try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    let fd = open(file.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
    guard fd >= 0 else { return }
    defer { close(fd) }
    bytes.withUnsafeBytes { raw in
      var done = 0
      while done < raw.count {
        let n = write(fd, raw.baseAddress! + done, raw.count - done)
        if n <= 0 { return }
        done += n
      }
    }
  }

  static func encode(_ key: TypesetKey, _ answer: RendererProcess.Answer, into out: inout [UInt8]) {
    func u32(_ value: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { out += $0 } }
    func text(_ value: String) {
      u32(value.utf8.count)
      out += value.utf8
    }
    switch key {
    case .math(let tex, let display):
      out.append(UInt8(ascii: display ? "d" : "m"))
      text(tex)
    case .code(let code, let language):
      out.append(UInt8(ascii: "c"))
      text(language)
      text(code)
    }
    switch answer {
    case .html(let markup):
      out.append(UInt8(ascii: "h"))
      text(markup)
    case .error(let message, let position):
      out.append(UInt8(ascii: "e"))
      u32(position ?? -1)
      text(message)
    case .plain:
      out.append(UInt8(ascii: "p"))
    }
  }

  private struct Reader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    mutating func byte() -> UInt8? {
      guard offset < bytes.count else { return nil }
      defer { offset += 1 }
      return bytes[offset]
    }

    mutating func u32() -> UInt32? {
      guard offset + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for i in 0..<4 { value |= UInt32(bytes[offset + i]) << (8 * i) }
      offset += 4
      return UInt32(littleEndian: value)
    }

    mutating func text() -> String? {
      guard let count = u32().map(Int.init), count <= bytes.count - offset else { return nil }
      defer { offset += count }
      return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]), as: UTF8.self)
    }

    mutating func record() -> (TypesetKey, RendererProcess.Answer)? {
      let key: TypesetKey
      switch byte() {
      case UInt8(ascii: "m"), UInt8(ascii: "d"):
        let display = bytes[offset - 1] == UInt8(ascii: "d")
        guard let tex = text() else { return nil }
        key = .math(tex, display: display)
      case UInt8(ascii: "c"):
        guard let language = text(), let code = text() else { return nil }
        key = .code(code, language: language)
      default:
        return nil
      }
      switch byte() {
      case UInt8(ascii: "h"):
        guard let markup = text() else { return nil }
        return (key, .html(markup))
      case UInt8(ascii: "e"):
        guard let raw = u32(), let message = text() else { return nil }
        let position = Int32(bitPattern: raw)
        return (key, .error(message, position: position < 0 ? nil : Int(position)))
      case UInt8(ascii: "p"):
        return (key, .plain)
      default:
        return nil
      }
    }
  }
}
