/// A heading of a document, with the stable id the renderer gave it.
public struct Heading: Sendable, Hashable {
  public var level: Int
  public var text: String
  public var id: String

  public init(level: Int, text: String, id: String) {
    self.level = level
    self.text = text
    self.id = id
  }
}

/// A part of a document: the text before the first level-2 heading (no heading), or one
/// level-2 heading and everything up to the next.
public struct Section: Sendable {
  public var heading: Heading?
  /// The heading's own HTML (`<h2 id=…>…</h2>`), empty for the text before the first heading.
  public var headingHTML: String
  /// HTML of the section without its heading.
  public var html: String
  /// When the section is (or starts with) a list: the HTML of each item, for hints revealed
  /// one at a time.
  public var items: [String]

  public init(heading: Heading?, headingHTML: String, html: String, items: [String]) {
    self.heading = heading
    self.headingHTML = headingHTML
    self.html = html
    self.items = items
  }
}

/// A link to another source file as the author wrote it, with where it was written.
public struct LinkReference: Sendable, Hashable {
  public var destination: String
  public var location: SourceLocation

  public init(destination: String, location: SourceLocation) {
    self.destination = destination
    self.location = location
  }
}

/// The parse stage's result for one Markdown body: HTML split into sections, its headings for
/// the table of contents and anchor checks, and its links to other sources.
public struct MarkdownDocument: Sendable {
  public var sections: [Section]
  public var headings: [Heading]
  public var links: [LinkReference]
  public var diagnostics: [Diagnostic]
  /// The text without markup, for the search index, reading time and excerpts. Once the
  /// search index is made, a build keeps only its lead (see `withoutSearchText`).
  public var plainText: String
  /// Words of the text, for reading time: runs of anything but a space, counted before the
  /// text was cut to its lead. A byte scan: splitting the Characters of every question's
  /// text was 0.8 s of a 10k build.
  public var wordCount: Int {
    if let countedWords { return countedWords }
    var text = plainText
    return text.withUTF8 { bytes in
      var words = 0
      var inWord = false
      for byte in bytes {
        let space = byte == 0x20
        if !space && !inWord { words += 1 }
        inWord = !space
      }
      return words
    }
  }
  private var countedWords: Int?
  /// Search terms of the text and headings, computed with the parse so `serve` caches them;
  /// each once, in no order. An array, not a set: it lives as long as the document, and only
  /// the search index reads it, in one pass, where a set's table costs 1.7 KB more per page.
  public var terms: [String] = []
  /// Images written with empty alt text (`![](x.png)`), for `syllabus check`.
  public var imagesWithoutAlt: [SourceLocation] = []
  /// Formulas and highlighted code, by the index of the `TypesetMark` token that stands for
  /// each in the HTML until the typeset step (SyllabusTypeset) fills them in.
  public var typeset: [TypesetPiece] = []
  public var usesMath: Bool { typeset.contains { $0.isMath } }

  public init(sections: [Section], headings: [Heading], links: [LinkReference], diagnostics: [Diagnostic], plainText: String) {
    self.sections = sections
    self.headings = headings
    self.links = links
    self.diagnostics = diagnostics
    self.plainText = plainText
  }

  /// The document as the pages read it once the search index is made: its text cut to the
  /// lead every excerpt comes from (`Excerpt.lead`), its words counted, no search terms.
  /// At 10,000 questions the text and terms were 45 of the 114 MB the documents held.
  public func withoutSearchText() -> MarkdownDocument {
    var slim = self
    slim.countedWords = wordCount
    slim.plainText = Excerpt.lead(plainText)
    slim.terms = []
    return slim
  }

  public static let empty = MarkdownDocument(sections: [], headings: [], links: [], diagnostics: [], plainText: "")

  /// Every piece of HTML the document holds (sections, headings, hint items), each replaced
  /// by `transform`: how the typeset step fills in its tokens.
  public mutating func mapHTML(_ transform: (String) -> String) {
    for i in sections.indices {
      sections[i].html = transform(sections[i].html)
      sections[i].headingHTML = transform(sections[i].headingHTML)
      sections[i].items = sections[i].items.map(transform)
    }
  }

  /// The section under a level-2 heading with this title (case-insensitive).
  public func section(titled title: String) -> Section? {
    sections.first { $0.heading?.text.lowercased() == title.lowercased() }
  }

  /// All HTML, headings included, except the sections named.
  public func html(excluding titles: Set<String> = []) -> String {
    let lowered = Set(titles.map { $0.lowercased() })
    return sections.filter { !lowered.contains($0.heading?.text.lowercased() ?? "\u{0}") }
      .map { $0.headingHTML + $0.html }
      .joined()
  }
}
