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

  /// Words of at least two characters, lowercased; runs of CJK characters become overlapping
  /// pairs (and single characters), so a substring search still finds them.
  static func terms(_ text: String) -> [String] {
    var out: [String] = []
    var word = ""
    var cjk: [Character] = []
    func flushWord() {
      if word.count >= 2 && !stopwords.contains(word) { out.append(word) }
      word = ""
    }
    func flushCJK() {
      if cjk.count == 1 { out.append(String(cjk)) }
      for i in 0..<max(0, cjk.count - 1) { out.append(String(cjk[i...i + 1])) }
      cjk = []
    }
    for ch in text.lowercased() {
      if isCJK(ch) {
        flushWord()
        cjk.append(ch)
      } else if ch.isLetter || ch.isNumber {
        flushCJK()
        word.append(ch)
      } else {
        flushWord()
        flushCJK()
      }
    }
    flushWord()
    flushCJK()
    return out
  }

  static func isCJK(_ ch: Character) -> Bool {
    guard let v = ch.unicodeScalars.first?.value else { return false }
    return (0x3040...0x30FF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
      || (0xAC00...0xD7AF).contains(v) || (0xF900...0xFAFF).contains(v)
  }

  /// `window.SYLLABUS_SEARCH = {…}`: documents as arrays, and per term the ids of the
  /// documents whose body contains it, as gaps in base 36.
  func javascript(topics: [(String, String)], levels: [(String, String)]) -> String {
    var postings: [String: [Int]] = [:]
    for (id, doc) in documents.enumerated() {
      for term in Set(Self.terms(doc.body + " " + doc.headings.joined(separator: " ") + " " + doc.summary)) {
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
    let payload: [String: Any] = [
      "v": 1,
      "docs": documents.map { [$0.kind, $0.title, $0.url, $0.level, $0.topic, $0.summary, $0.headings.joined(separator: "\u{1F}")] },
      "topics": topics.map { [$0.0, $0.1] },
      "levels": levels.map { [$0.0, $0.1] },
      "terms": termTable,
    ]
    let data = (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    return "/* Syllabus search index. indexed-text-bytes: \(indexedTextBytes) */\nwindow.SYLLABUS_SEARCH=" + String(decoding: data, as: UTF8.self) + ";\n"
  }

  /// Plain text of rendered HTML (for sections, which keep no plain text of their own).
  static func text(ofHTML html: String) -> String {
    var out = ""
    var inTag = false
    for ch in html {
      if ch == "<" { inTag = true; out.append(" ") } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
    }
    return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
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
