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
    /// Terms of `body` computed earlier (at parse time), or nil to compute them here.
    var bodyTerms: Set<String>? = nil
  }

  private(set) var documents: [Document] = []

  mutating func add(_ document: Document) { documents.append(document) }

  /// Text the index covers, in bytes: what its size is measured against.
  var indexedTextBytes: Int {
    documents.reduce(0) { $0 + $1.title.utf8.count + $1.summary.utf8.count + $1.body.utf8.count + $1.headings.joined(separator: " ").utf8.count }
  }

  static func terms(_ text: String) -> Set<String> { SearchTerms.of(text) }

  /// The columns of a document row, named once: the index's `fields` header row says which
  /// is which, so the browser script reads `doc.title`, never `doc[1]`.
  static let fields: [(name: String, value: (Document) -> String)] = [
    ("kind", \.kind), ("title", \.title), ("url", \.url), ("level", \.level), ("topic", \.topic),
    ("summary", \.summary), ("headings", { $0.headings.joined(separator: "\u{1F}") }),
  ]

  /// `window.SYLLABUS_SEARCH = {…}`: documents as arrays, and per term the ids of the
  /// documents whose body contains it, as gaps in base 36.
  func javascript(topics: [(String, String)], levels: [(String, String)]) -> String {
    var postings: [String: [Int]] = [:]
    for (id, doc) in documents.enumerated() {
      let extra = Self.terms(doc.headings.joined(separator: " ") + " " + doc.summary)
      let all = doc.bodyTerms.map { $0.union(extra) } ?? Self.terms(doc.body).union(extra)
      for term in all {
        postings[term, default: []].append(id)
      }
    }
    var termTable: [String: String] = [:]
    for (key, ids) in postings {
      // Swift strings compare by canonical equivalence, so a key may be spelled either way;
      // the browser normalises queries to NFC, so the index spells every term in NFC.
      let term = key.utf8.allSatisfy { $0 < 0x80 } ? key : key.precomposedStringWithCanonicalMapping
      var previous = 0
      termTable[term] = ids.map { id -> String in
        defer { previous = id }
        return String(id - previous, radix: 36)
      }.joined(separator: ",")
    }
    // Written by hand: sorted keys and a fixed layout keep builds byte-identical, and it is
    // many times faster than JSONSerialization (which goes through NSString on Linux).
    // `fields` is the header row naming the columns of each `docs` row; `stopwords` is the
    // one list the browser's tokeniser uses, so it never has its own copy.
    var js = "/* Syllabus search index. indexed-text-bytes: \(indexedTextBytes) */\nwindow.SYLLABUS_SEARCH={\"docs\":["
    for (n, doc) in documents.enumerated() {
      if n > 0 { js += "," }
      js += "["
      js += Self.fields.map { JSONText.quote($0.value(doc)) }.joined(separator: ",")
      js += "]"
    }
    js += "],\"fields\":[" + Self.fields.map { JSONText.quote($0.name) }.joined(separator: ",") + "]"
    js += ",\"levels\":[" + levels.map { "[\(JSONText.quote($0.0)),\(JSONText.quote($0.1))]" }.joined(separator: ",") + "]"
    js += ",\"terms\":{" + termTable.keys.sorted().map { "\(JSONText.quote($0)):\(JSONText.quote(termTable[$0]!))" }.joined(separator: ",") + "}"
    js += ",\"topics\":[" + topics.map { "[\(JSONText.quote($0.0)),\(JSONText.quote($0.1))]" }.joined(separator: ",") + "]"
    js += ",\"stopwords\":[" + SearchTerms.stopwords.sorted().map(JSONText.quote).joined(separator: ",") + "]"
    js += ",\"v\":2};\n"
    return js
  }
}

/// JSON string literals for the data scripts the renderer writes.
enum JSONText {
  /// Works on UTF-8 bytes: every character that needs escaping is ASCII, except U+2028 and
  /// U+2029 (E2 80 A8/A9). Text with none of them, most of it, is copied in one piece.
  static func quote(_ text: String) -> String {
    var bytes = text
    return bytes.withUTF8 { input -> String in
      func special(_ i: Int) -> Bool {
        let b = input[i]
        return b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C
          || (b == 0xE2 && i + 2 < input.count && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9))
      }
      guard (0..<input.count).contains(where: special) else { return "\"" + text + "\"" }
      var out: [UInt8] = [0x22]
      out.reserveCapacity(input.count + 16)
      var i = 0
      while i < input.count {
        guard special(i) else {
          out.append(input[i])
          i += 1
          continue
        }
        let escape: String
        switch input[i] {
        case 0x22: escape = "\\\""
        case 0x5C: escape = "\\\\"
        case 0x0A: escape = "\\n"
        case 0x0D: escape = "\\r"
        case 0x09: escape = "\\t"
        // `<` stays out of data scripts, so no `</script>` can appear even if one is inlined.
        case 0x3C: escape = "\\u003c"
        case 0xE2:
          escape = input[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
          i += 2
        default: escape = String(format: "\\u%04x", Int(input[i]))
        }
        out.append(contentsOf: escape.utf8)
        i += 1
      }
      out.append(0x22)
      return String(decoding: out, as: UTF8.self)
    }
  }
}

extension SiteRenderer {
  /// Chapters, questions, cheat sheets, paths and pages, with URLs relative to the site root.
  func searchIndex() -> SearchIndex {
    var index = SearchIndex()
    func first(_ text: String, _ limit: Int = 180) -> String { Excerpt.first(text, limit) }
    for topic in site.topics {
      let doc = document(topic.body)
      index.add(.init(kind: "chapter", title: topic.title, url: SiteURL.topic(topic.id), level: "", topic: topic.id,
        summary: first(topic.summary ?? doc.plainText), headings: doc.headings.map(\.text), body: doc.plainText, bodyTerms: doc.terms))
      if let sheet = doc.section(titled: "Cheat sheet") {
        index.add(.init(kind: "cheat sheet", title: "\(topic.title) — cheat sheet", url: SiteURL.cheatSheet(topic.id), level: "",
          topic: topic.id, summary: first(topic.coreQuestion ?? ""), headings: [], body: HTML.text(of: sheet.html)))
      }
      for q in site.questionsByTopic[topic.id] ?? [] {
        let qdoc = document(q.body)
        index.add(.init(kind: "question", title: q.title, url: SiteURL.question(topic: topic.id, id: q.id), level: q.level.value,
          topic: topic.id, summary: first(q.tldr ?? qdoc.plainText), headings: q.tags.map(\.value), body: qdoc.plainText,
          bodyTerms: qdoc.terms))
      }
    }
    for path in site.paths {
      let doc = document(path.body)
      index.add(.init(kind: "path", title: path.title, url: SiteURL.path(path.id), level: "", topic: "",
        summary: first(path.audience ?? doc.plainText), headings: path.plan.map(\.focus), body: doc.plainText, bodyTerms: doc.terms))
    }
    for page in site.pages {
      let doc = document(page.body)
      index.add(.init(kind: "page", title: page.title, url: SiteURL.page(page.id), level: "", topic: "",
        summary: first(doc.plainText), headings: doc.headings.map(\.text), body: doc.plainText, bodyTerms: doc.terms))
    }
    return index
  }
}
