import Foundation
import SyllabusModel
import SyllabusResolver

/// The offline search index, built once per build and shipped as a `.js` file (a `<script>`
/// loads from `file://`, where `fetch` is blocked). It holds each document's title, kind,
/// headings and a short summary as text, and body words only as posting lists, which keeps
/// it a fraction of the size of the text it indexes.
struct SearchIndex {
  struct Document {
    var kind: String
    var title: String
    var url: String
    var level: String
    var topic: String
    var summary: String
    var headings: [String]
    var body: String
  }

  private(set) var documents: [Document] = []

  mutating func add(_ document: Document) { documents.append(document) }

  /// Text the index covers, in bytes: what its size is measured against.
  var indexedTextBytes: Int {
    documents.reduce(0) { $0 + $1.title.utf8.count + $1.summary.utf8.count + $1.body.utf8.count + $1.headings.joined(separator: " ").utf8.count }
  }

  static let stopwords: Set<String> = [
    "the", "and", "for", "are", "but", "not", "you", "your", "with", "that", "this", "from", "have", "has", "was", "were",
    "its", "it's", "into", "than", "then", "they", "them", "their", "there", "what", "when", "which", "who", "how", "why",
    "can", "will", "would", "should", "could", "been", "being", "also", "each", "per", "one", "two", "all", "any", "more",
    "most", "some", "such", "only", "just", "over", "under", "about", "after", "before", "does", "did", "doing", "out",
    "our", "we", "is", "in", "of", "to", "a", "an", "on", "or", "as", "at", "be", "by", "if", "it", "no", "so", "do",
  ]

  private static let stopwordBytes: Set<[UInt8]> = Set(stopwords.map { Array($0.utf8) })

  /// The distinct terms of `text`: words of at least two characters, lowercased; runs of CJK
  /// characters become overlapping pairs (and single characters), so a substring search still
  /// finds them. Works on UTF-8 bytes with an ASCII fast path: this runs over every word of
  /// the guide, and the browser script applies the same rules to queries.
  static func terms(_ text: String) -> Set<String> {
    var found = Set<[UInt8]>()
    var word: [UInt8] = []
    var wordLength = 0  // in characters
    var cjk: [Unicode.Scalar] = []
    func flushWord() {
      if wordLength >= 2 && !stopwordBytes.contains(word) { found.insert(word) }
      word.removeAll(keepingCapacity: true)
      wordLength = 0
    }
    func flushCJK() {
      if cjk.count == 1 { found.insert(Array(String(cjk[0]).utf8)) }
      if cjk.count > 1 {
        for k in 0..<(cjk.count - 1) { found.insert(Array((String(cjk[k]) + String(cjk[k + 1])).utf8)) }
      }
      cjk.removeAll(keepingCapacity: true)
    }
    var copy = text
    copy.withUTF8 { bytes in
      var i = 0
      while i < bytes.count {
        let b = bytes[i]
        if b < 0x80 {
          i += 1
          if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
            if !cjk.isEmpty { flushCJK() }
            word.append(b)
            wordLength += 1
          } else if b >= 0x41 && b <= 0x5A {
            if !cjk.isEmpty { flushCJK() }
            word.append(b + 32)
            wordLength += 1
          } else {
            if !word.isEmpty { flushWord() }
            if !cjk.isEmpty { flushCJK() }
          }
          continue
        }
        // A multi-byte scalar: decode it.
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        var value = UInt32(b) & (0xFF >> (length + 1))
        for k in 1..<length where i + k < bytes.count { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        i += length
        guard let scalar = Unicode.Scalar(value) else { continue }
        if isCJK(scalar) {
          if !word.isEmpty { flushWord() }
          cjk.append(scalar)
        } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
          if !cjk.isEmpty { flushCJK() }
          word.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
          wordLength += 1
        } else {
          if !word.isEmpty { flushWord() }
          if !cjk.isEmpty { flushCJK() }
        }
      }
    }
    if !word.isEmpty { flushWord() }
    if !cjk.isEmpty { flushCJK() }
    return Set(found.map { String(decoding: $0, as: UTF8.self) })
  }

  static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return (0x3040...0x30FF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
      || (0xAC00...0xD7AF).contains(v) || (0xF900...0xFAFF).contains(v)
  }

  /// `window.SYLLABUS_SEARCH = {…}`: documents as arrays, and per term the ids of the
  /// documents whose body contains it, as gaps in base 36.
  func javascript(topics: [(String, String)], levels: [(String, String)]) -> String {
    var postings: [String: [Int]] = [:]
    for (id, doc) in documents.enumerated() {
      for term in Self.terms(doc.body + " " + doc.headings.joined(separator: " ") + " " + doc.summary) {
        postings[term, default: []].append(id)
      }
    }
    var termTable: [String: String] = [:]
    for (term, ids) in postings {
      var previous = 0
      termTable[term] = ids.map { id -> String in
        defer { previous = id }
        return String(id - previous, radix: 36)
      }.joined(separator: ",")
    }
    // Written by hand: sorted keys and a fixed layout keep builds byte-identical, and it is
    // many times faster than JSONSerialization (which goes through NSString on Linux).
    var js = "/* Syllabus search index. indexed-text-bytes: \(indexedTextBytes) */\nwindow.SYLLABUS_SEARCH={\"docs\":["
    for (n, doc) in documents.enumerated() {
      if n > 0 { js += "," }
      js += "["
      js += [doc.kind, doc.title, doc.url, doc.level, doc.topic, doc.summary, doc.headings.joined(separator: "\u{1F}")].map(JSONText.quote).joined(separator: ",")
      js += "]"
    }
    js += "],\"levels\":[" + levels.map { "[\(JSONText.quote($0.0)),\(JSONText.quote($0.1))]" }.joined(separator: ",") + "]"
    js += ",\"terms\":{" + termTable.keys.sorted().map { "\(JSONText.quote($0)):\(JSONText.quote(termTable[$0]!))" }.joined(separator: ",") + "}"
    js += ",\"topics\":[" + topics.map { "[\(JSONText.quote($0.0)),\(JSONText.quote($0.1))]" }.joined(separator: ",") + "]"
    js += ",\"v\":1};\n"
    return js
  }

  /// Plain text of rendered HTML (for sections, which keep no plain text of their own).
  static func text(ofHTML html: String) -> String {
    var out = String.UnicodeScalarView()
    var inTag = false
    var entity: String.UnicodeScalarView? = nil
    for scalar in html.unicodeScalars {
      if let pending = entity {
        if scalar == ";" {
          switch String(pending) {
          case "lt": out.append("<")
          case "gt": out.append(">")
          case "quot": out.append("\"")
          case "#39": out.append("'")
          case "amp": out.append("&")
          default: out.append(" ")
          }
          entity = nil
        } else if pending.count < 8 {
          entity!.append(scalar)
        } else {
          out.append(contentsOf: pending)
          entity = nil
        }
        continue
      }
      switch scalar {
      case "<": inTag = true; out.append(" ")
      case ">": inTag = false
      case "&" where !inTag: entity = String.UnicodeScalarView()
      default: if !inTag { out.append(scalar) }
      }
    }
    return String(out)
  }
}

/// JSON string literals for the data scripts the renderer writes.
enum JSONText {
  static func quote(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      // `<` stays out of data scripts, so no `</script>` can appear even if one is inlined.
      case "<": out += "\\u003c"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if scalar.value < 0x20 {
          out += String(format: "\\u%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

extension SiteRenderer {
  /// Chapters, questions, cheat sheets, paths and pages, with URLs relative to the site root.
  func searchIndex() -> SearchIndex {
    var index = SearchIndex()
    func first(_ text: String, _ limit: Int = 180) -> String {
      let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      return collapsed.count <= limit ? collapsed : String(collapsed.prefix(limit)) + "…"
    }
    for topic in site.topics {
      let doc = document(topic.body)
      index.add(.init(kind: "chapter", title: topic.title, url: SiteURL.topic(topic.id), level: "", topic: topic.id,
        summary: first(topic.summary ?? doc.plainText), headings: doc.headings.map(\.text), body: doc.plainText))
      if let sheet = doc.section(titled: "Cheat sheet") {
        index.add(.init(kind: "cheat sheet", title: "\(topic.title) — cheat sheet", url: SiteURL.cheatSheet(topic.id), level: "",
          topic: topic.id, summary: first(topic.coreQuestion ?? ""), headings: [], body: SearchIndex.text(ofHTML: sheet.html)))
      }
      for q in site.questionsByTopic[topic.id] ?? [] {
        let qdoc = document(q.body)
        index.add(.init(kind: "question", title: q.title, url: SiteURL.question(topic: topic.id, id: q.id), level: q.level.value,
          topic: topic.id, summary: first(q.tldr ?? qdoc.plainText), headings: q.tags.map(\.value), body: qdoc.plainText))
      }
    }
    for path in site.paths {
      let doc = document(path.body)
      index.add(.init(kind: "path", title: path.title, url: SiteURL.path(path.id), level: "", topic: "",
        summary: first(path.audience ?? doc.plainText), headings: path.plan.map(\.focus), body: doc.plainText))
    }
    for page in site.pages {
      let doc = document(page.body)
      index.add(.init(kind: "page", title: page.title, url: SiteURL.page(page.id), level: "", topic: "",
        summary: first(doc.plainText), headings: doc.headings.map(\.text), body: doc.plainText))
    }
    return index
  }
}
