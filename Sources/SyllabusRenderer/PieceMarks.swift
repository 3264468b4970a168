/// Stand-ins for the large pieces of a page while its templates render (a print document's
/// bodies, then the whole print text inside the layout), so the templates render only the
/// small text around them and the pieces go straight into the file (`PieceSink`).
///
/// A mark is `<`, a random nonce of mixed-case letters, the piece's number and `>`. A template
/// that pastes it raw (`{{{bodyHTML}}}`, as it would paste the HTML) leaves it whole, and
/// where it stands the piece goes. One that does anything else with it leaves the nonce
/// altered: escaped (`&lt;…`), its case changed, reversed. `split` finds the nonce in any
/// such form and refuses, and the page is rendered whole instead, so the bytes are always
/// what the templates make of the real HTML. Mustache can test a mark (`{{#bodyHTML}}`):
/// empty HTML is never marked, so the test comes out as it would.
struct PieceMarks {
  private let nonce: [UInt8]

  init() {
    let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    // Lower, then upper: every case transform changes it.
    nonce = Array("sY".utf8) + (0..<22).map { _ in letters.randomElement()! }
  }

  func mark(_ piece: Int) -> String { "<" + String(decoding: nonce, as: UTF8.self) + String(piece) + ">" }

  /// A stretch of the text, or where piece `piece` goes (`text` then empty).
  struct Part {
    var text: Range<Int>
    var piece: Int?
  }

  /// `text` cut at its marks, each naming a piece below `pieces`; nil when the nonce shows
  /// up anywhere but in such a mark.
  func split(_ text: [UInt8], pieces: Int) -> [Part]? {
    text.withUnsafeBufferPointer { split($0, pieces: pieces) }
  }

  /// The same over bytes held elsewhere (a print document's text, tens of megabytes: read in
  /// place, and searched without a case-folded copy).
  func split(_ text: UnsafeBufferPointer<UInt8>, pieces: Int) -> [Part]? {
    let forward = nonce.map(Self.lower)
    guard Self.find(Array(forward.reversed()), in: text).isEmpty else { return nil }
    var parts: [Part] = []
    var copied = 0
    for start in Self.find(forward, in: text) {
      var end = start + nonce.count
      guard start > 0, text[start - 1] == UInt8(ascii: "<"), text[start..<end].elementsEqual(nonce) else { return nil }
      var piece = 0, digits = 0
      while end < text.count, digits < 18, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[end]) {
        piece = piece * 10 + Int(text[end] - UInt8(ascii: "0"))
        end += 1
        digits += 1
      }
      guard digits > 0, end < text.count, text[end] == UInt8(ascii: ">"), piece < pieces else { return nil }
      parts.append(Part(text: copied..<start - 1, piece: nil))
      parts.append(Part(text: 0..<0, piece: piece))
      copied = end + 1
    }
    parts.append(Part(text: copied..<text.count, piece: nil))
    return parts
  }

  private static func lower(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
  }

  /// Where `needle` (lower case) starts in `haystack` read as lower case, each time.
  private static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> [Int] {
    guard let first = needle.first, haystack.count >= needle.count else { return [] }
    var found: [Int] = []
    var i = 0
    while i <= haystack.count - needle.count {
      if lower(haystack[i]) == first && needle.indices.allSatisfy({ lower(haystack[i + $0]) == needle[$0] }) {
        found.append(i)
        i += needle.count
      } else {
        i += 1
      }
    }
    return found
  }
}
