import SyllabusModel
import SyllabusResolver

/// The printable documents: the whole guide (`print.html`) and each role path
/// (`print/<path>.html`), every chapter in study order followed by its questions, one file.
extension SiteRenderer {
  func printGuide() -> [UInt8] {
    printDocument(.printGuide, url: SiteURL.printGuide, title: site.guide.title, subtitle: strings["print_guide_title"],
      introHTML: nil, topics: site.topics, questions: site.allQuestions)
  }

  func printPath(_ path: StudyPath) -> [UInt8] {
    let planned = Set(path.plan.flatMap { $0.topics.map(\.value) })
    let url = SiteURL.printPath(path.id)
    let links = PrintLinks(anchors: [:], documentURL: url)
    return printDocument(.printPath, url: url, title: path.title, subtitle: strings.format("print_path_title", ["title": path.title]),
      introHTML: links.rewrite(document(path.body).html(), from: SiteURL.path(path.id), anchor: "path"),
      topics: site.topics.filter { planned.contains($0.id) }, questions: questions(on: path))
  }

  /// The questions a role path lists: those for its role, and those for every role.
  func questions(on path: StudyPath) -> [Question] {
    site.allQuestions.filter { q in q.roles.map { $0.contains { $0.value == path.id } } ?? true }
  }

  /// What the print fragment of every chapter and question is made from, in study order.
  func printInputs() -> [PrintFragments.Input] {
    site.topics.enumerated().flatMap { chapter, topic in
      [PrintFragments.Input(
        source: topic.body.path, html: document(topic.body).html(), pageURL: SiteURL.topic(topic.id),
        anchor: PrintLinks.anchor(topic: topic.id), demote: 1)]
        + (site.questionsByTopic[topic.id] ?? []).enumerated().map { i, q in
          PrintFragments.Input(
            source: q.body.path, html: document(q.body).html(), pageURL: SiteURL.question(topic: topic.id, id: q.id),
            anchor: PrintLinks.anchor(chapter: chapter + 1, question: i + 1), demote: 2)
        }
    }
  }

  private func printDocument(_ kind: PageKind, url: String, title: String, subtitle: String, introHTML: String?, topics: [Topic], questions: [Question]) -> [UInt8] {
    let root = SiteURL.rootPrefix(from: url)
    let included = Set(questions.map(\.body.path))
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
    // Every chapter and question has a fragment: `printInputs` lists them all.
    func body(_ source: MarkdownSource) -> (anchor: String, html: String) {
      let entry = fragments[source.path]!
      return (entry.input.anchor, links.place(entry.fragment))
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
    let context = PrintContext(root: root, title: title, subtitle: subtitle, introHTML: introHTML, chapters: chapters,
      chapterCount: chapters.count, questionCount: chapters.reduce(0) { $0 + $1.questions.count },
      countsText: strings.count("chapters", chapters.count) + ", " + strings.count("questions", chapters.reduce(0) { $0 + $1.questions.count }))
    return layout(url: url, title: subtitle, kind: kind, content: templates.render(context, with: kind.template),
      breadcrumbs: [home(root)])
  }
}
