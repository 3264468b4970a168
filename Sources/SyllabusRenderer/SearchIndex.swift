import Foundation
import SyllabusModel
import SyllabusResolver

/// The offline search index, built once per build and shipped as a `.js` file (a `<script>`
/// loads from `file://`, where `fetch` is blocked). It holds each document's title, kind,
/// headings and a short summary as text, and body words only as posting lists, which keeps
/// it a fraction of the size of the text it indexes.
struct SearchIndex {
  struct Document {
    /// One of the kinds `PageKind` marks as searched; the row carries its `searchLabel`.
    var kind: PageKind
    var title: String
    var url: String
    var level: String
    var topic: String
    var summary: String
    var headings: [String]
    var body: String
    /// Terms of `body` computed earlier (at parse time), or nil to compute them here.
    var bodyTerms: [String]? = nil
  }

  private(set) var documents: [Document] = []
  /// The words left out of the index in this guide's language; the browser skips them too.
  var stopwords: Set<String> = SearchTerms.stopwords

  mutating func add(_ document: Document) { documents.append(document) }

  /// Text the index covers, in bytes: what its size is measured against.
  var indexedTextBytes: Int {
    documents.reduce(0) { $0 + $1.title.utf8.count + $1.summary.utf8.count + $1.body.utf8.count + $1.headings.joined(separator: " ").utf8.count }
  }

  func terms(_ text: String) -> Set<String> { SearchTerms.of(text, stopwords: stopwords) }

  /// The columns of a document row, named once: the index's `fields` header row says which
  /// is which, so the browser script reads `doc.title`, never `doc[1]`.
  static let fields: [(name: String, value: (Document) -> String)] = [
    ("kind", { $0.kind.searchLabel ?? "" }), ("title", \.title), ("url", \.url), ("level", \.level), ("topic", \.topic),
    ("summary", \.summary), ("headings", { $0.headings.joined(separator: "\u{1F}") }),
  ]

  /// How the browser ranks a match, declared beside what the index holds: a document's score
  /// is the sum of each signal's weight times how often it shows the signal for the query.
  /// app.js has one function per name (`signals` there) and reads the weights from the index.
  static let signals: [(name: String, weight: Int)] = [
    ("title_phrase", 100),  // the query, as a phrase, is in the title
    ("title_start", 20),  // … at the start of the title
    ("heading_phrase", 40),  // the phrase is in a heading (only when not in the title)
    ("summary_phrase", 25),  // the phrase is in the summary (only when not in the title)
    ("title_word", 20),  // per query word in the title
    ("term_word", 5),  // per query word that is one of the document's indexed terms
    ("prefix_word", 3),  // per query word that only starts one of them (as you type)
    ("text_word", 1),  // per query word found only inside the title, headings or summary
    ("main_kind", 2),  // the document is of a kind in `mainKinds`
  ]
  /// The kinds a reader most often looks for, which win a tie.
  static let mainKinds: [PageKind] = [.chapter, .question]

  /// `window.SYLLABUS_SEARCH = {…}`: documents as arrays, and per term the ids of the
  /// documents whose body contains it, as gaps in base 36.
  func javascript(topics: [(String, String)], levels: [(String, String)]) -> String {
    var postings: [String: [Int]] = [:]
    for (id, doc) in documents.enumerated() {
      // Ids go in ascending, so a term the document already gave is its list's last id: no
      // set per document to merge its body's terms with the rest.
      func post(_ term: String) {
        postings[term, default: []].appendUnlessLast(id)
      }
      terms(doc.headings.joined(separator: " ") + " " + doc.summary).forEach(post)
      (doc.bodyTerms ?? Array(terms(doc.body))).forEach(post)
    }
    var termTable: [String: String] = [:]
    var prefixIDs: [String: IDSetBuilder] = [:]
    for (key, ids) in postings {
      // Swift strings compare by canonical equivalence, so a key may be spelled either way;
      // the browser normalises queries to NFC, so the index spells every term in NFC.
      let term = key.utf8.allSatisfy { $0 < 0x80 } ? key : key.precomposedStringWithCanonicalMapping
      termTable[term] = Self.gaps(ids)
      if let prefix = Self.shortPrefix(term) {
        prefixIDs[prefix, default: IDSetBuilder(documents: documents.count)].insert(ids)
      }
    }
    let prefixTable = prefixIDs.mapValues { Self.idSet($0.ascending, documents: documents.count) }
    // Written by hand: sorted keys and a fixed layout keep builds byte-identical, and it is
    // many times faster than JSONSerialization (which goes through NSString on Linux).
    // `fields` is the header row naming the columns of each `docs` row; `stopwords` is the
    // one list the browser's tokeniser uses, so it never has its own copy; `prefixes` holds
    // the documents of each two-character prefix (`shortPrefix`); `signals` and `mainKinds`
    // are the ranking's weights.
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
    js += ",\"prefixes\":{" + prefixTable.keys.sorted().map { "\(JSONText.quote($0)):\(JSONText.quote(prefixTable[$0]!))" }.joined(separator: ",") + "}"
    js += ",\"topics\":[" + topics.map { "[\(JSONText.quote($0.0)),\(JSONText.quote($0.1))]" }.joined(separator: ",") + "]"
    js += ",\"stopwords\":[" + stopwords.sorted().map(JSONText.quote).joined(separator: ",") + "]"
    js += ",\"signals\":[" + Self.signals.map { "[\(JSONText.quote($0.name)),\($0.weight)]" }.joined(separator: ",") + "]"
    js += ",\"mainKinds\":[" + Self.mainKinds.compactMap(\.searchLabel).map(JSONText.quote).joined(separator: ",") + "]"
    js += ",\"v\":3};\n"
    return js
  }

  /// Ascending ids as base-36 gaps, comma-separated: "3,a,1" is 3, 13, 14.
  /// Digits written straight into one buffer: a `String(_:radix:)` per id and `joined` were
  /// a quarter of the index's time.
  static func gaps(_ ids: [Int]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(ids.count * 3)
    var previous = 0
    for (n, id) in ids.enumerated() {
      if n > 0 { out.append(UInt8(ascii: ",")) }
      var gap = id - previous
      previous = id
      guard gap >= 0 else {
        out.append(contentsOf: String(gap, radix: 36).utf8)
        continue
      }
      let start = out.count
      repeat {
        out.append(radix36[gap % 36])
        gap /= 36
      } while gap > 0
      out[start...].reverse()
    }
    return String(decoding: out, as: UTF8.self)
  }
  static let radix36 = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

  /// The first keystroke of a word that searches is its second character, and two characters
  /// start hundreds of terms: taking their postings one by one was most of that keystroke.
  /// So the index carries, per two-character prefix (in UTF-16 units, as the browser counts
  /// `w.length`), the documents holding any term it starts, itself included. Nil for a term
  /// shorter than that or one whose prefix would split a surrogate pair.
  static func shortPrefix(_ term: String) -> String? {
    let units = Array(term.utf16.prefix(2))
    guard units.count == 2, !units.contains(where: { UTF16.isLeadSurrogate($0) || UTF16.isTrailSurrogate($0) }) else { return nil }
    return String(decoding: units, as: UTF16.self)
  }

  /// A set of document ids as gaps (`gaps`) or, when a bitmap is shorter, as "~" and six
  /// documents per character (base64url, document 0 in the low bit of the first character):
  /// a common prefix reaches most documents, and 10,000 of them fit 1,700 characters.
  static func idSet(_ ids: [Int], documents: Int) -> String {
    let list = gaps(ids)
    let bitmapLength = (documents + 5) / 6 + 1
    guard bitmapLength < list.utf8.count else { return list }
    var sextets = [UInt8](repeating: 0, count: bitmapLength - 1)
    for id in ids { sextets[id / 6] |= 1 << UInt8(id % 6) }
    return "~" + String(decoding: sextets.map { base64url[Int($0)] }, as: UTF8.self)
  }
  static let base64url = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
}

/// The documents of one two-character prefix, gathered from the postings of every term it
/// starts: a list while that is shorter, then one bit per document. A common prefix reaches
/// most documents (a set of ids per prefix was most of the index's memory at 10,000
/// questions), while in a CJK guide most of the many bigram prefixes reach a few (a bitmap
/// for each would be prefixes × documents / 8 bytes).
struct IDSetBuilder {
  private let words: Int
  private var list: [Int] = []
  private var bits: [UInt64]?

  init(documents: Int) { words = (documents + 63) / 64 }

  mutating func insert(_ ids: [Int]) {
    if bits == nil {
      list += ids
      guard list.count > words else { return }
      bits = [UInt64](repeating: 0, count: words)
      set(list)
      list = []
    } else {
      set(ids)
    }
  }

  private mutating func set(_ ids: [Int]) {
    bits!.withUnsafeMutableBufferPointer { bits in
      for id in ids { bits[id >> 6] |= 1 << UInt64(id & 63) }
    }
  }

  /// Every id inserted, once each, ascending.
  var ascending: [Int] {
    guard let bits else {
      var sorted = list.sorted()
      var write = 0
      for read in sorted.indices where read == 0 || sorted[read] != sorted[read - 1] {
        sorted[write] = sorted[read]
        write += 1
      }
      return Array(sorted.prefix(write))
    }
    var out: [Int] = []
    for (w, word) in bits.enumerated() {
      var rest = word
      while rest != 0 {
        out.append(w << 6 + rest.trailingZeroBitCount)
        rest &= rest - 1
      }
    }
    return out
  }
}

extension Array where Element == Int {
  /// Appends `id` unless it is already the last element.
  fileprivate mutating func appendUnlessLast(_ id: Int) {
    if last != id { append(id) }
  }
}

extension SiteRenderer {
  /// Chapters, questions, cheat sheets, paths and pages, with URLs relative to the site root.
  func searchIndex() -> SearchIndex {
    var index = SearchIndex()
    index.stopwords = SearchTerms.stopwords(language: site.guide.language)
    func first(_ text: String) -> String { Excerpt.first(text, Excerpt.searchSummary) }
    for topic in site.topics {
      let doc = document(topic.body)
      index.add(.init(kind: .chapter, title: topic.title, url: SiteURL.topic(topic.id), level: "", topic: topic.id,
        summary: first(topic.summary ?? doc.plainText), headings: doc.headings.map(\.text), body: doc.plainText, bodyTerms: doc.terms))
      if let sheet = doc.section(titled: strings[SectionName.cheatSheet.rawValue]) {
        index.add(.init(kind: .cheatSheet, title: strings.format("title_cheat_sheet", ["title": topic.title]), url: SiteURL.cheatSheet(topic.id), level: "",
          topic: topic.id, summary: first(topic.coreQuestion ?? ""), headings: [], body: HTML.text(of: sheet.html)))
      }
      for q in site.questionsByTopic[topic.id] ?? [] {
        let qdoc = document(q.body)
        index.add(.init(kind: .question, title: q.title, url: SiteURL.question(topic: topic.id, id: q.id), level: q.level.value,
          topic: topic.id, summary: first(q.tldr ?? qdoc.plainText), headings: q.tags.map(\.value), body: qdoc.plainText,
          bodyTerms: qdoc.terms))
      }
    }
    for path in site.paths {
      let doc = document(path.body)
      index.add(.init(kind: .path, title: path.title, url: SiteURL.path(path.id), level: "", topic: "",
        summary: first(path.audience ?? doc.plainText), headings: path.plan.map(\.focus), body: doc.plainText, bodyTerms: doc.terms))
    }
    for page in site.pages {
      let doc = document(page.body)
      index.add(.init(kind: .page, title: page.title, url: SiteURL.page(page.id), level: "", topic: "",
        summary: first(doc.plainText), headings: doc.headings.map(\.text), body: doc.plainText, bodyTerms: doc.terms))
    }
    return index
  }
}
