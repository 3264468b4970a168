/// View models of `print.mustache`: the whole guide or one role path as one document.
struct PrintContext {
  var root: String
  var title: String
  var subtitle: String
  /// The path's own text (paths only), its links already rewritten for the document.
  var introHTML: String?
  var chapters: [PrintChapter]
  var chapterCount: Int
  var questionCount: Int
  /// "11 chapters, 267 questions" in the guide's language.
  var countsText: String
}

struct PrintChapter {
  /// The chapter's id in the document; its headings' ids start with it.
  var anchor: String
  var number: Int
  var title: String
  var summary: String?
  var bodyHTML: String
  var questions: [PrintQuestion]
}

struct PrintQuestion {
  var anchor: String
  var title: String
  var levelTitle: String
  var tags: String
  var tldr: String?
  var bodyHTML: String
}

// Hand-written, as for the layout (Contexts+TemplateFields.swift): reflecting every question of
// a 10k guide for each print document cost more than rendering it.
extension PrintContext: TemplateFields {
  var templateFields: [String: Any] {
    var out: [String: Any] = [
      "root": root, "title": title, "subtitle": subtitle, "chapters": chapters.map(\.templateFields),
      "chapterCount": chapterCount, "questionCount": questionCount, "countsText": countsText,
    ]
    if let introHTML { out["introHTML"] = introHTML }
    return out
  }
}

extension PrintChapter: TemplateFields {
  var templateFields: [String: Any] {
    var out: [String: Any] = [
      "anchor": anchor, "number": number, "title": title, "bodyHTML": bodyHTML, "questions": questions.map(\.templateFields),
    ]
    if let summary { out["summary"] = summary }
    return out
  }
}

extension PrintQuestion: TemplateFields {
  var templateFields: [String: Any] {
    var out: [String: Any] = ["anchor": anchor, "title": title, "levelTitle": levelTitle, "tags": tags, "bodyHTML": bodyHTML]
    if let tldr { out["tldr"] = tldr }
    return out
  }
}
