// View models of the practice pages (see Contexts.swift for the conventions). The pages are
// plain, readable HTML; `assets/practice.js` turns them into exercises and keeps the state.

/// One `<option>` of a filter: `value` is what the script matches, `label` what is shown.
struct OptionView {
  var value: String
  var label: String
}

/// A labelled `<optgroup>` of options.
struct OptionGroup {
  var label: String
  var options: [OptionView]
}

/// The links every practice page shares, resolved against the page's root.
struct PracticeLinks {
  var hub: String
  var assessment: String
  var flashcards: String
  var drill: String
  var mock: String
  var cheatSheets: String
  var dataScript: String
  var script: String
  /// The guide's Anki package, `practice/<guide>.apkg`.
  var deck: String
}

/// `practice/index.html`: what each exercise does, the schedule, and the reader's data.
struct PracticeHubContext {
  var root: String
  var links: PracticeLinks
  var topicCount: Int
  var questionCount: Int
  /// The review schedule in words, e.g. "0, 3, 7, 14 and 21".
  var reviewDays: String
  /// Days between reviews of a card graded "good" every time, e.g. "3, 7, 14, 21, 21".
  var goodRun: String
}

struct RatingChoice {
  var inputID: String
  var name: String
  var value: Int
  var label: String
}

struct AssessmentRow {
  var id: String
  var number: Int
  var title: String
  var url: String
  var choices: [RatingChoice]
}

/// One band of the scoring guide, with the range of totals it covers.
struct BandView {
  var range: String
  var advice: String
}

/// `practice/assessment.html`: a worksheet that prints, and scores itself with the script.
struct AssessmentContext {
  var root: String
  var links: PracticeLinks
  var hasScale: Bool
  var scale: [OptionView]
  var rows: [AssessmentRow]
  var minScore: Int
  var maxScore: Int
  var bands: [BandView]
}

/// The deck filter shared by flashcards and the drill: all questions, or one group of them.
struct DeckChoices {
  var groups: [OptionGroup]
}

/// `practice/flashcards.html`.
struct FlashcardsContext {
  var root: String
  var links: PracticeLinks
  var decks: DeckChoices
  var reviewDays: String
}

/// A chapter's opening question and its must-include points, for the drill without a script.
struct DrillChapter {
  var number: Int
  var title: String
  var url: String
  var coreQuestion: String
  var mustInclude: [String]
}

/// `practice/drill.html`.
struct DrillContext {
  var root: String
  var links: PracticeLinks
  var decks: DeckChoices
  var seconds: Int
  var chapters: [DrillChapter]
}

/// `practice/mock.html`.
struct MockContext {
  var root: String
  var links: PracticeLinks
  var paths: [OptionView]
  var levels: [OptionView]
  var pathLinks: [LinkView]
}

/// `assets/practice-data.js`: what practice.js reads. Field names are the script's (and the
/// export format's) contract; docs/practice.md describes them.
struct PracticeData: Encodable {
  struct Topic: Encodable {
    var id, title, layer: String
    var order: Int
    var url: String
    var mustInclude: [String]
    enum CodingKeys: String, CodingKey { case id, title, layer, order, url, mustInclude = "must_include" }
  }
  struct Question: Encodable {
    var key, title, tldr, level, topic: String
    var tags: [String]
    var url: String
    var roles: [String]
  }
  struct Week: Encodable {
    var week: Int
    var focus: String
    var topics: [String]
  }
  struct Path: Encodable {
    var id, title, url: String
    var assumes: [String]
    var weeks: [Week]
  }
  struct Level: Encodable { var id, title: String }
  struct Tag: Encodable { var slug, title: String }
  struct Band: Encodable {
    var min: Int
    var advice: String
  }

  var schema: String
  var version: Int
  var guide, title: String
  var topics: [Topic]
  var questions: [Question]
  var paths: [Path]
  var levels: [Level]
  var tags: [Tag]
  var scale: [String]
  var bands: [Band]
  var reviewDays: [Int]
  enum CodingKeys: String, CodingKey {
    case schema, version, guide, title, topics, questions, paths, levels, tags, scale, bands
    case reviewDays = "review_days"
  }
}
