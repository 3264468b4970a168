import Foundation
import SyllabusModel
import SyllabusResolver

/// What goes into the guide's Anki deck, before any SQLite: one deck per guide with a sub-deck
/// per chapter in study order, and a note per question. Every id comes from a name through
/// `StableID`, so a rebuild of a changed guide updates the reader's notes in place.
struct DeckContent {
  struct Deck {
    var id: Int64
    /// "Guide::01. Chapter": Anki sorts decks by name, so the number keeps study order.
    var name: String
  }

  struct Note {
    var id: Int64
    var cardID: Int64
    var guid: String
    var deckID: Int64
    /// Seconds since 1970: when the note's sources last changed (see `DeckClock`).
    var modified: Int64
    /// `DeckContent.fieldNames`, as HTML.
    var fields: [String]
    /// The question's tags (as slugs), `level::<id>` and `role::<path>` for each path listing it.
    var tags: [String]
    /// The question, plain: Anki's sort field and duplicate checksum.
    var sortField: String
  }

  /// The note type's fields: the question, its tldr, the chapter's must-include points, the
  /// link to its page, and its Answer section as the page shows it (formulas, code and all).
  static let fieldNames = ["Question", "Answer", "Checklist", "Link", "Full answer"]

  var guideDeck: Deck
  var chapters: [Deck]
  var notes: [Note]
  var notetypeID: Int64
  var notetypeName: String
  /// The label over the checklist on a card's back, in the guide's language.
  var checklistLabel: String
  /// The label that opens the full answer on a card's back.
  var fullAnswerLabel: String
  /// The newest note time: the collection's own modification time.
  var modified: Int64

  /// `documents`: the parsed and typeset bodies by source path, as the pages render them;
  /// `cards`: full-answer fields made before, if any. Notes are made in parallel, each from
  /// its own question: the order is the study order whatever finishes first.
  init(site: ResolvedSite, documents: [String: MarkdownDocument], clock: DeckClock, cards: CardCache? = nil) {
    let slug = site.guide.slug
    let title = Self.deckName(site.guide.title)
    guideDeck = Deck(id: StableID.number("deck\u{0}\(slug)"), name: title)
    notetypeID = StableID.number("notetype\u{0}\(slug)")
    notetypeName = "Syllabus: \(title)"
    checklistLabel = site.guide.strings["anki_must_include"]
    fullAnswerLabel = site.guide.strings["anki_show_full_answer"]
    let answerHeading = site.guide.strings[SectionName.answer.rawValue]
    let width = String(site.topics.count).count
    var chapters: [Deck] = [], work: [(question: Question, topic: Topic, deck: Deck)] = []
    for (index, topic) in site.topics.enumerated() {
      let number = String(repeating: "0", count: width - String(index + 1).count) + String(index + 1)
      let deck = Deck(id: StableID.number("deck\u{0}\(slug)\u{0}\(topic.id)"), name: "\(title)::\(number). \(Self.deckName(topic.title))")
      chapters.append(deck)
      for question in site.questionsByTopic[topic.id] ?? [] { work.append((question, topic, deck)) }
    }
    var notes = [Note?](repeating: nil, count: work.count)
    notes.withUnsafeMutableBufferPointer { buffer in
      let out = buffer
      DispatchQueue.concurrentPerform(iterations: work.count) { i in
        let (question, topic, deck) = work[i]
        let answer = documents[question.body.path]?.section(titled: answerHeading)?.html ?? ""
        out[i] = Self.note(question, answerHTML: answer, topic: topic, deck: deck, site: site, slug: slug, clock: clock, cards: cards)
      }
    }
    self.chapters = chapters
    self.notes = notes.map { $0! }
    modified = self.notes.map(\.modified).max() ?? clock.time(of: ["guide.yml"])
  }

  static func note(
    _ q: Question, answerHTML: String, topic: Topic, deck: Deck, site: ResolvedSite, slug: String, clock: DeckClock, cards: CardCache?
  ) -> Note {
    let guid = "syllabus:\(slug):\(q.key)"
    let url = SiteURL.question(topic: q.topic.value, id: q.id)
    let href = site.guide.baseURL.map { $0 + url } ?? url
    let checklist = topic.mustInclude.isEmpty ? "" : "<ul>" + topic.mustInclude.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
    let baseURL = site.guide.baseURL
    let fields = [
      HTML.escape(q.title), HTML.escape(q.tldr ?? ""), checklist,
      "<a href=\"\(HTML.escape(href))\">\(HTML.escape(site.guide.strings["anki_full_answer"]))</a>",
      cards?.field(answerHTML, page: url, baseURL: baseURL) ?? CardHTML.field(answerHTML, page: url, baseURL: baseURL),
    ]
    var tags = q.tags.map { Identifier.slug($0.value) } + ["level::\(Identifier.slug(q.level.value))"]
    tags += site.roles(of: q).map { "role::\($0.id)" }
    return Note(
      id: StableID.number("note\u{0}\(guid)"), cardID: StableID.number("card\u{0}\(guid)"), guid: guid, deckID: deck.id,
      modified: clock.time(of: [q.body.path, topic.body.path, "guide.yml"]), fields: fields,
      tags: Array(Set(tags)).sorted(), sortField: q.title)
  }

  /// "::" separates sub-decks in Anki, so a title may not contain it.
  static func deckName(_ title: String) -> String {
    title.replacingOccurrences(of: "::", with: ":")
  }
}

/// When each note last changed. Anki's default import replaces a note only when the file's
/// copy is newer than the reader's, and a build keeps no history, so the time of a note is the
/// newest modification time of the files it is made from (the question, its chapter for the
/// checklist, guide.yml for the link): an edit makes it newer, an untouched note keeps its time,
/// and two builds of the same checkout give the same bytes. With `SOURCE_DATE_EPOCH` set, times
/// later than it are clamped to it, as the reproducible-builds convention asks.
public struct DeckClock: Sendable {
  /// Seconds since 1970 by source path (relative to the content folder, as `MarkdownSource.path`).
  public var modified: [String: Int64]
  public var sourceDateEpoch: Int64?

  public init(modified: [String: Int64], sourceDateEpoch: Int64? = nil) {
    self.modified = modified
    self.sourceDateEpoch = sourceDateEpoch
  }

  func time(of paths: [String]) -> Int64 {
    let newest = paths.compactMap { modified[$0] }.max() ?? 0
    return sourceDateEpoch.map { min($0, newest) } ?? newest
  }
}

/// Ids that depend only on a name: 64-bit FNV-1a, kept to 52 bits so that the JavaScript in
/// Anki's screens reads them exactly, and never 0.
enum StableID {
  static func number(_ name: String) -> Int64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return Int64(hash & 0x000F_FFFF_FFFF_FFFF) | 1
  }
}
