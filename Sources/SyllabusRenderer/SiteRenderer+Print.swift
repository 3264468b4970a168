import SyllabusModel
import SyllabusResolver

/// The bytes of a page in order, piece by piece, as it is made (see `PieceMarks`).
public typealias PieceSink = (UnsafeRawBufferPointer) -> Void

/// The printable documents: the whole guide (`print.html`) and each role path
/// (`print/<path>.html`), every chapter in study order followed by its questions, one file.
/// At 10,000 questions one is tens of megabytes, so it is made in pieces: the templates render
/// it with a mark in place of each chapter's and question's HTML, and the bodies are placed
/// straight into `emit` between the small texts around them. Building it as one string cost
/// four copies of it at once (bodies, print template, layout, file bytes), the build's peak.
extension SiteRenderer {
  func printGuide(_ emit: PieceSink) {
    printDocument(.printGuide, url: SiteURL.printGuide, title: site.guide.title, subtitle: strings["print_guide_title"],
      introHTML: nil, topics: site.topics, includes: { _ in true }, emit: emit)
  }

  func printPath(_ path: StudyPath, _ emit: PieceSink) {
    let planned = Set(path.plan.flatMap { $0.topics.map(\.value) })
    let url = SiteURL.printPath(path.id)
    let links = PrintLinks(anchors: [:], documentURL: url)
    printDocument(.printPath, url: url, title: path.title, subtitle: strings.format("print_path_title", ["title": path.title]),
      introHTML: links.rewrite(document(path.body).html(), from: SiteURL.path(path.id), anchor: "path"),
      topics: site.topics.filter { planned.contains($0.id) }, includes: { Self.lists(path, $0) }, emit: emit)
  }

  /// The questions a role path lists: those for its role, and those for every role.
  func questions(on path: StudyPath) -> [Question] {
    site.allQuestions.filter { Self.lists(path, $0) }
  }

  static func lists(_ path: StudyPath, _ question: Question) -> Bool {
    question.roles.map { $0.contains { $0.value == path.id } } ?? true
  }

  /// What the print fragment of every chapter and question is made from, in study order.
  func printInputs() -> [PrintFragments.Page] {
    site.topics.enumerated().flatMap { chapter, topic in
      let chapterDocument = document(topic.body)
      return [PrintFragments.Page(
        source: topic.body.path, html: { chapterDocument.html() }, pageURL: SiteURL.topic(topic.id),
        anchor: PrintLinks.anchor(topic: topic.id), demote: 1)]
        + (site.questionsByTopic[topic.id] ?? []).enumerated().map { i, q in
          let questionDocument = document(q.body)
          return PrintFragments.Page(
            source: q.body.path, html: { questionDocument.html() }, pageURL: SiteURL.question(topic: topic.id, id: q.id),
            anchor: PrintLinks.anchor(chapter: chapter + 1, question: i + 1), demote: 2)
        }
    }
  }

  private func printDocument(
    _ kind: PageKind, url: String, title: String, subtitle: String, introHTML: String?, topics: [Topic], includes: (Question) -> Bool,
    emit: PieceSink
  ) {
    let root = SiteURL.rootPrefix(from: url)
    // Paths, not questions: the list of all of them is a copy of every question's fields.
    var included: Set<String> = []
    for topic in site.topics {
      for q in site.questionsByTopic[topic.id] ?? [] where includes(q) { included.insert(q.body.path) }
    }
    let numbers = Dictionary(uniqueKeysWithValues: site.topics.enumerated().map { ($1.id, $0 + 1) })
    let fragments = printFragments.fragments(printInputs)
    var anchors: [String: String] = [:]
    for topic in topics {
      anchors[SiteURL.topic(topic.id)] = PrintLinks.anchor(topic: topic.id)
      for q in site.questionsByTopic[topic.id] ?? [] where included.contains(q.body.path) {
        anchors[SiteURL.question(topic: topic.id, id: q.id)] = fragments[q.body.path]!.input.anchor
      }
    }
    let links = PrintLinks(anchors: anchors, documentURL: url)
    let marks = PieceMarks()
    var bodies: [PrintFragment] = []
    /// The print template's text, each body a mark (its fragment in `bodies`) or, unmarked, in full.
    func content(marked: Bool) -> String {
      // Every chapter and question has a fragment: `printInputs` lists them all.
      func body(_ source: MarkdownSource) -> (anchor: String, html: String) {
        let entry = fragments[source.path]!
        // An empty body stays empty: a template may test it (`{{#bodyHTML}}`).
        guard marked, !entry.fragment.bytes.isEmpty || !entry.fragment.links.isEmpty else {
          return (entry.input.anchor, links.place(entry.fragment))
        }
        bodies.append(entry.fragment)
        return (entry.input.anchor, marks.mark(bodies.count - 1))
      }
      let chapters = topics.map { topic -> PrintChapter in
        let qs = (site.questionsByTopic[topic.id] ?? []).filter { included.contains($0.body.path) }.map { q -> PrintQuestion in
          let (anchor, html) = body(q.body)
          return PrintQuestion(anchor: anchor, title: q.title,
            levelTitle: site.guide.levels.first { $0.id == q.level.value }?.title ?? q.level.value,
            tags: q.tags.map(\.value).joined(separator: ", "), tldr: q.tldr, bodyHTML: html)
        }
        let (anchor, html) = body(topic.body)
        return PrintChapter(anchor: anchor, number: numbers[topic.id] ?? 0, title: topic.title, summary: topic.summary,
          bodyHTML: html, questions: qs)
      }
      let questionCount = chapters.reduce(0) { $0 + $1.questions.count }
      let context = PrintContext(root: root, title: title, subtitle: subtitle, introHTML: introHTML, chapters: chapters,
        chapterCount: chapters.count, questionCount: questionCount,
        countsText: strings.count("chapters", chapters.count) + ", " + strings.count("questions", questionCount))
      return templates.render(context, with: kind.template)
    }
    func page(_ content: String, math: Bool? = nil) -> [UInt8] {
      layout(url: url, title: subtitle, kind: kind, content: content, breadcrumbs: [home(root)], math: math)
    }
    if printsInPieces {
      let skeleton = content(marked: true)
      // KaTeX's opening tag cannot start in the template's text and end in a body.
      let math = Self.showsMath(skeleton) || bodies.contains(where: \.showsMath)
      let outer = page(marks.mark(bodies.count), math: math)
      var text = skeleton
      // Read in place: a copy of the text was 12 MB at 10,000 questions.
      let placed = text.withUTF8 { inner -> Bool in
        // Nil when a template did more with a mark than paste it (escaped it, changed its
        // case): the document is then rendered whole, as it would be without marks.
        guard let innerParts = marks.split(inner, pieces: bodies.count), let outerParts = marks.split(outer, pieces: bodies.count + 1),
          outerParts.allSatisfy({ ($0.piece ?? bodies.count) == bodies.count })
        else { return false }
        for part in outerParts {
          guard part.piece != nil else {
            outer.withUnsafeBytes { emit(UnsafeRawBufferPointer(rebasing: $0[part.text])) }
            continue
          }
          for piece in innerParts {
            if let i = piece.piece {
              links.place(bodies[i], to: emit)
            } else {
              emit(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(inner)[piece.text]))
            }
          }
        }
        return true
      }
      if placed { return }
    }
    page(content(marked: false)).withUnsafeBytes { emit($0) }
  }
}
