/// A formula found in a Markdown body: its TeX source, whether it is display math, and where
/// its TeX starts in the file, so a KaTeX error can point at the exact character.
public struct MathFormula: Sendable, Hashable {
  public var tex: String
  public var display: Bool
  /// Where the opening delimiter (or the fence) was written.
  public var location: SourceLocation
  /// The file line of the TeX's first line, and for each TeX line the column its first
  /// character has in the file (container prefixes such as `> ` are not part of the TeX).
  public var texLine: Int
  public var lineColumns: [Int]

  public init(tex: String, display: Bool, location: SourceLocation, texLine: Int, lineColumns: [Int]) {
    self.tex = tex
    self.display = display
    self.location = location
    self.texLine = texLine
    self.lineColumns = lineColumns
  }

  /// The file position of the TeX character at `utf16Offset` (KaTeX counts in UTF-16 units).
  public func location(ofUTF16Offset utf16Offset: Int) -> SourceLocation {
    let prefix = String(tex.utf16.prefix(max(0, utf16Offset))) ?? tex
    let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
    let index = min(lines.count - 1, lineColumns.count - 1)
    let column = (lineColumns.isEmpty ? location.column : lineColumns[max(0, index)]) + (lines.last?.count ?? 0)
    return SourceLocation(file: location.file, line: texLine + lines.count - 1, column: column)
  }
}

/// What the typeset step turns into HTML: a formula, or a fenced code block with a language.
public enum TypesetPiece: Sendable, Hashable {
  case math(MathFormula)
  case code(language: String, text: String)

  public var isMath: Bool {
    if case .math = self { return true }
    return false
  }
}

/// The marks that stand in for typeset pieces between the parse and the typeset step.
///
/// A token is U+FDD0, the piece's index in decimal, U+FDD1. Those are Unicode noncharacters,
/// reserved for exactly this kind of internal use, and nothing in Markdown treats them or
/// digits specially, so cmark passes a token through untouched. Zeros pad the index so a
/// token is as long as the text it replaces and cmark's columns on that line stay true.
/// A formula spanning lines leaves U+FDD2 on each later line, so line numbers stay true too.
public enum TypesetMark {
  // Swift refuses noncharacters in literals, so they are spelled as scalar values.
  public static let open = String(Unicode.Scalar(0xFDD0)!), close = String(Unicode.Scalar(0xFDD1)!)
  public static let continuation = String(Unicode.Scalar(0xFDD2)!)
  public static let reserved: ClosedRange<UInt32> = 0xFDD0...0xFDD2
  /// The three-byte UTF-8 forms: EF B7 90 / 91 / 92.
  static let lead: (UInt8, UInt8) = (0xEF, 0xB7)
  static let openByte: UInt8 = 0x90, closeByte: UInt8 = 0x91, continuationByte: UInt8 = 0x92

  /// A token for piece `index`, at least `width` UTF-8 bytes long.
  public static func token(_ index: Int, width: Int = 0) -> String {
    let digits = String(index)
    let padding = max(0, width - 6 - digits.count)
    return open + String(repeating: "0", count: padding) + digits + close
  }

  public static func contains(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      var i = 0
      while i + 2 < bytes.count {
        if bytes[i] == lead.0 && bytes[i + 1] == lead.1 && (openByte...continuationByte).contains(bytes[i + 2]) { return true }
        i += 1
      }
      return false
    }
  }

  /// Replaces each token with `piece(index)` (left as is when that is nil), and drops each
  /// continuation mark with the line break before it.
  public static func fill(_ text: String, _ piece: (Int) -> String?) -> String {
    guard contains(text) else { return text }
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    var i = 0
    func isMark(_ k: Int, _ third: UInt8) -> Bool {
      k + 2 < bytes.count && bytes[k] == lead.0 && bytes[k + 1] == lead.1 && bytes[k + 2] == third
    }
    while i < bytes.count {
      if isMark(i, continuationByte) {
        while let last = out.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { out.removeLast() }
        if out.last == UInt8(ascii: "\n") { out.removeLast() }
        i += 3
        continue
      }
      if isMark(i, openByte) {
        var k = i + 3, index = 0, digits = 0
        // Padding zeros make long runs; only an absurd index could overflow, and it stays unfilled.
        while k < bytes.count, bytes[k] >= UInt8(ascii: "0"), bytes[k] <= UInt8(ascii: "9") {
          if index < Int.max / 100 { index = index * 10 + Int(bytes[k] - UInt8(ascii: "0")) } else { index = -1 }
          k += 1
          digits += 1
        }
        if digits > 0, index >= 0, isMark(k, closeByte), let html = piece(index) {
          out.append(contentsOf: html.utf8)
          i = k + 3
          continue
        }
      }
      out.append(bytes[i])
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
