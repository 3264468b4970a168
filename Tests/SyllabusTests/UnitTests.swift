import Foundation
import XCTest

@testable import SyllabusLoader
@testable import SyllabusMarkdown
@testable import SyllabusModel
@testable import SyllabusResolver

final class FrontMatterTests: XCTestCase {
  func testSplitsFrontMatterAndKnowsWhereTheBodyStarts() throws {
    let parts = try FrontMatter.split("---\ntitle: A\nlayer: b\n---\n# Body\n", file: "f.md").get()
    XCTAssertEqual(parts.yaml, "title: A\nlayer: b")
    XCTAssertEqual(parts.bodyFirstLine, 5)
    XCTAssertEqual(parts.body, "# Body\n")
  }

  func testUnclosedAndMissingFrontMatterAreLocatedErrors() {
    guard case .failure(let unclosed) = FrontMatter.split("---\ntitle: A\n", file: "f.md") else { return XCTFail() }
    XCTAssertEqual(unclosed.description, "f.md:1:1: error: front matter is never closed; add a `---` line after the last YAML field")
    guard case .failure(let missing) = FrontMatter.split("# Title\n", file: "f.md") else { return XCTFail() }
    XCTAssertTrue(missing.message.hasPrefix("missing front matter"))
  }

  func testCRLFAndByteOrderMarkAreAccepted() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\n---\r\nBody\r\n".utf8)
    let text = try SourceText.decode(Data(bytes), file: "f.md", limits: Limits()).get()
    XCTAssertEqual(text, "---\ntitle: A\n---\nBody\n")
  }

  func testInvalidUTF8IsLocatedAtTheByte() {
    guard case .failure(let d) = SourceText.decode(Data([0x61, 0x0A, 0x62, 0xC3, 0x28]), file: "f.md", limits: Limits()) else { return XCTFail() }
    XCTAssertEqual(d.location, SourceLocation(file: "f.md", line: 2, column: 2))
  }

  func testDeepFlowNestingIsRefusedBeforeLibyaml() {
    let yaml = "title: " + String(repeating: "[", count: 40_000)
    guard case .failure(let d) = YAMLDocument.mapping(yaml, file: "f.md", firstLine: 2, limits: Limits(), what: "front matter") else { return XCTFail() }
    XCTAssertTrue(d.message.contains("nests deeper than 32"), d.message)
    XCTAssertEqual(d.location.line, 2)
  }

  func testAliasBombIsNeverExpanded() throws {
    // Nine levels of ten aliases each would be 10^9 values if anything walked them.
    var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in 1...8 { yaml += "l\(i): &l\(i) [" + Array(repeating: i == 1 ? "*a" : "*l\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
    yaml += "tags: *l8\n"
    let started = Date()
    let mapping = try YAMLDocument.mapping(yaml, file: "f.md", firstLine: 2, limits: Limits(), what: "front matter").get()
    var fields = YAMLFields(mapping, file: "f.md", lineOffset: 1, budget: NodeBudget(limit: 1_000))
    var diagnostics: [Diagnostic] = []
    _ = fields.stringList("tags", example: "[a]")
    fields.finish(known: ["tags"], into: &diagnostics)
    XCTAssertLessThan(Date().timeIntervalSince(started), 1)
    XCTAssertEqual(diagnostics.filter { $0.severity == .error }.count, 10)
  }

  func testFlagsDuplicateKeysAndTextAreReadWithoutTagResolution() throws {
    let yaml = "a: yes\nb: False\nc: \"true\"\nd: 1\ne: \"01\"\n"
    let mapping = try YAMLDocument.mapping(yaml, file: "f.md", firstLine: 2, limits: Limits(), what: "front matter").get()
    var fields = YAMLFields(mapping, file: "f.md", lineOffset: 1, budget: NodeBudget(limit: 1_000))
    XCTAssertEqual(fields.bool("a"), true)
    XCTAssertEqual(fields.bool("b"), false)
    XCTAssertNil(fields.bool("c"), "a quoted true is text")
    XCTAssertEqual(fields.int("d"), 1)
    XCTAssertEqual(fields.string("e"), "01")
    XCTAssertEqual(fields.diagnostics.map(\.description), ["f.md:4:4: error: `c` must be `true` or `false`; found the quoted text \"true\"; remove the quotes"])
    let duplicate = YAMLDocument.mapping("title: a\ntitle: b\n", file: "f.md", firstLine: 2, limits: Limits(), what: "front matter")
    guard case .failure(let error) = duplicate else { return XCTFail("duplicate keys must be refused") }
    XCTAssertTrue(error.message.contains("title"), error.description)
  }

  func testValueBudgetStopsHugeLists() throws {
    let yaml = "tags: [" + Array(repeating: "t", count: 2_000).joined(separator: ", ") + "]\n"
    let mapping = try YAMLDocument.mapping(yaml, file: "f.md", firstLine: 2, limits: Limits(), what: "front matter").get()
    var fields = YAMLFields(mapping, file: "f.md", lineOffset: 1, budget: NodeBudget(limit: 1_000))
    var diagnostics: [Diagnostic] = []
    _ = fields.stringList("tags", example: "[a]")
    fields.finish(known: ["tags"], into: &diagnostics)
    XCTAssertEqual(diagnostics.map(\.description), ["f.md:2:1: error: front matter expands to more than 1000 YAML values (aliases count each time they are used); simplify it, or raise `limits: max_yaml_nodes` in guide.yml"])
  }
}

final class GraphTests: XCTestCase {
  func topic(_ id: String, requires: [String] = [], order: Int? = nil) -> Topic {
    let body = MarkdownSource(path: "topics/\(id).md", displayPath: "topics/\(id).md", text: "", firstLine: 1)
    return Topic(
      id: id, title: id, layer: Located("l", at: SourceLocation(file: id)), order: order,
      requires: requires.enumerated().map { Located($1, at: SourceLocation(file: "topics/\(id).md", line: 4, column: 12 + $0)) },
      body: body, location: SourceLocation(file: "topics/\(id).md"))
  }

  func testStudyOrderIsTopologicalWithTiesByOrderThenID() {
    var d: [Diagnostic] = []
    let graph = TopicGraph.build([topic("c", requires: ["a"]), topic("b", requires: ["a"], order: 1), topic("a"), topic("d")], diagnostics: &d)
    XCTAssertEqual(graph.order, ["a", "b", "c", "d"])
    XCTAssertEqual(graph.unlocks["a"], ["b", "c"])
    XCTAssertEqual(graph.prerequisites(of: "c"), ["a"])
    XCTAssertTrue(d.isEmpty)
  }

  func testCycleNamesEveryTopicAndEdgeLocation() {
    var d: [Diagnostic] = []
    _ = TopicGraph.build([topic("a", requires: ["b"]), topic("b", requires: ["c"]), topic("c", requires: ["a"]), topic("x")], diagnostics: &d)
    XCTAssertEqual(d.count, 3)
    for diagnostic in d {
      XCTAssertTrue(diagnostic.message.contains("a → b → c → a"), diagnostic.message)
      XCTAssertEqual(diagnostic.location.line, 4)
    }
    XCTAssertEqual(Set(d.map(\.location.file)), ["topics/a.md", "topics/b.md", "topics/c.md"])
  }

  func testUnknownPrerequisiteIsReportedWithASuggestion() {
    var d: [Diagnostic] = []
    _ = TopicGraph.build([topic("rag-systems"), topic("agents", requires: ["rag-sytems"])], diagnostics: &d)
    XCTAssertEqual(d.map(\.message), ["unknown topic `rag-sytems` in `requires`; did you mean `rag-systems`?"])
  }

  func testPathCheckFindsOrderProblemsAndMissingPrerequisites() {
    var d: [Diagnostic] = []
    let topics = [topic("a"), topic("b", requires: ["a"]), topic("c", requires: ["b"])]
    let graph = TopicGraph.build(topics, diagnostics: &d)
    let byID = Dictionary(uniqueKeysWithValues: topics.map { ($0.id, $0) })
    let at = SourceLocation(file: "paths/p.md")
    let body = MarkdownSource(path: "paths/p.md", displayPath: "paths/p.md", text: "", firstLine: 1)
    let path = StudyPath(
      id: "p", title: "P", weeks: 2,
      plan: [
        .init(week: 1, topics: [Located("b", at: at)], focus: "", location: at),
        .init(week: 2, topics: [Located("a", at: at), Located("c", at: at)], focus: "", location: at),
      ], body: body, location: at)
    SiteResolver.checkPath(path, graph: graph, topics: byID, diagnostics: &d)
    XCTAssertEqual(d.map(\.message), ["`b` is scheduled in week 1, before its prerequisite `a` (week 2); move it later or the prerequisite earlier"])
    var assumed = path
    assumed.plan = [.init(week: 1, topics: [Located("c", at: at)], focus: "", location: at)]
    assumed.assumes = [Located("b", at: at)]
    d = []
    SiteResolver.checkPath(assumed, graph: graph, topics: byID, diagnostics: &d)
    XCTAssertEqual(d.map(\.message), ["assumed topic `b` requires `a`, which this path neither schedules nor assumes"])
  }
}

final class MarkdownAndLinkTests: XCTestCase {
  func parse(_ text: String, path: String = "topics/a.md", raw: Bool = false, rewrite: @escaping (String) -> String? = { _ in nil }) -> MarkdownDocument {
    MarkdownParser.parse(MarkdownSource(path: path, displayPath: path, text: text, firstLine: 5), options: .init(allowRawHTML: raw), rewriteLink: rewrite)
  }

  func testHeadingsGetStableUniqueIDs() {
    let doc = parse("## Why it matters\n\n## Why it matters\n\n### KV-cache: 128 KiB/token\n")
    XCTAssertEqual(doc.headings.map(\.id), ["why-it-matters", "why-it-matters-1", "kv-cache-128-kibtoken"])
    XCTAssertTrue(doc.html().contains("<h2 id=\"why-it-matters-1\">"))
  }

  func testAnEmptyCornerHeaderCellIsAPlainCell() {
    let html = parse("| | A | B |\n|---|:-:|---|\n| x | 1 | 2 |\n\n|  | C |\n|:--|--:|\n| y | 3 |\n").html()
    XCTAssertFalse(html.contains("<th></th>") || html.contains("\"></th>"), html)
    XCTAssertEqual(html.components(separatedBy: "<td></td>").count - 1, 2, html)
    XCTAssertTrue(html.contains("<th align=\"center\">A</th>"), html)
  }

  func testSectionsSplitAtLevelTwoHeadingsAndHintsAreItemised() {
    let doc = parse("Intro\n\n## Answer\n\nYes.\n\n## Hints\n\n1. First\n2. Second *hint*\n")
    XCTAssertEqual(doc.sections.map { $0.heading?.text }, [nil, "Answer", "Hints"])
    XCTAssertEqual(doc.section(titled: "hints")?.items, ["First", "Second <em>hint</em>"])
    XCTAssertEqual(doc.section(titled: "Answer")?.html, "<p>Yes.</p>\n")
  }

  /// Summaries, meta descriptions and search read a page's plain text: inline markup (a link,
  /// emphasis, code, a `<kbd>`) adds no space of its own; a block or a line break separates words.
  /// `HTML.text(of:)`, for sections, reads the rendered HTML the same way.
  func testPlainTextKeepsInlineMarkupTightAndBlocksApart() {
    let doc = parse("See [attention](b.md), which *matters*; `kv`-cache <kbd>K</kbd>.\nNext line\n\n- one\n- two<br>three\n", raw: true)
    let expected = "See attention, which matters; kv-cache K. Next line one two three"
    XCTAssertEqual(doc.plainText, expected)
    func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    XCTAssertEqual(words(HTML.text(of: doc.html())), expected)
    XCTAssertEqual(words(HTML.text(of: "<p>a &amp; <a href=\"x\">b</a>, c</p><p>d</p>")), "a & b, c d")
  }

  func testAlertsBecomeCalloutsWithOptionalTitles() {
    let html = parse("> [!TIP] Pro tip\n> Use it.\n\n> [!WARNING]\n> Careful.\n").html()
    XCTAssertTrue(html.contains("<aside class=\"callout callout-tip\" aria-label=\"Pro tip\"><p class=\"callout-title\">Pro tip</p>"), html)
    XCTAssertTrue(html.contains("<p class=\"callout-title\">Warning</p>\n<p>Careful.</p>"), html)
    XCTAssertFalse(html.contains("[!TIP]"))
  }

  func testRawHTMLIsEscapedUnlessAllowed() {
    XCTAssertTrue(parse("Hi <script>alert(1)</script>\n").html().contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    XCTAssertTrue(parse("<div onclick=\"x\">raw</div>\n").html().contains("&lt;div onclick=&quot;x&quot;&gt;raw&lt;/div&gt;"))
    XCTAssertTrue(parse("Hi <b>b</b>\n", raw: true).html().contains("<b>b</b>"))
  }

  func testLinksToSourcesAreRewrittenAndLocated() {
    let doc = parse("Line one\n\nSee [b](b.md#x) and [web](https://x.org/a.md).\n") { "../topics/\($0.replacingOccurrences(of: ".md", with: ".html"))" }
    XCTAssertEqual(doc.links, [LinkReference(destination: "b.md#x", location: SourceLocation(file: "topics/a.md", line: 7, column: 5))])
    XCTAssertTrue(doc.html().contains("href=\"../topics/b.html#x\""))
    XCTAssertTrue(doc.html().contains("href=\"https://x.org/a.md\""))
  }

  func testLinkTableRewritesRelativeToThePage() {
    let body = { (p: String) in MarkdownSource(path: p, displayPath: p, text: "", firstLine: 1) }
    let at = SourceLocation(file: "x")
    var site = SiteSource(guide: Guide(title: "T", description: ""))
    site.topics = [Topic(id: "rag", title: "R", layer: Located("l", at: at), body: body("topics/rag.md"), location: at)]
    site.questions = [Question(id: "hyde", title: "H", topic: Located("rag", at: at), level: Located("mid", at: at), body: body("questions/rag/hyde.md"), location: at)]
    let table = LinkTable(site)
    XCTAssertEqual(table.rewrite("../questions/rag/hyde.md#hints", from: "topics/rag.md"), "../questions/rag/hyde.html#hints")
    XCTAssertEqual(table.rewrite("../../topics/rag.md", from: "questions/rag/hyde.md"), "../../topics/rag.html")
    XCTAssertNil(table.rewrite("nowhere.md", from: "topics/rag.md"))
    XCTAssertNil(table.rewrite("../../../etc/passwd.md", from: "topics/rag.md"))
  }

  /// cmark-gfm 0.29.0.gfm.6 keeps the inline "special characters" of extensions (autolink's
  /// `:` and `w`, strikethrough's `~`) in one global table that every parse adds to and then
  /// clears: parsing on several threads at once used to drop autolinks and strike-throughs
  /// from a few pages per thousand, differently on each build.
  func testParallelParsesKeepAutolinksAndStrikethrough() {
    let count = 3_000
    var results = [String?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
      let out = buffer
      DispatchQueue.concurrentPerform(iterations: count) { i in
        let text = "Page \(i): see https://example.org/\(i) and www.example.com/\(i), not ~~old \(i)~~.\n"
        out[i] = MarkdownParser.parse(
          MarkdownSource(path: "topics/p\(i).md", displayPath: "topics/p\(i).md", text: text, firstLine: 1),
          options: .init(allowRawHTML: false), rewriteLink: { _ in nil }
        ).html()
      }
    }
    let broken = results.enumerated().filter { i, html in
      guard let html else { return true }
      return !html.contains("<a href=\"https://example.org/\(i)\">") || !html.contains("<a href=\"http://www.example.com/\(i)\">")
        || !html.contains("<del>old \(i)</del>")
    }
    XCTAssertEqual(broken.count, 0, "pages parsed wrongly, e.g. \(broken.first.map { "\($0.offset): \($0.element ?? "nil")" } ?? "")")
  }

  func testPathologicalShapesAreRefusedBeforeCmark() {
    let cases = [
      String(repeating: "> ", count: 100_000) + "x\n",
      String(repeating: "[", count: 50_000) + "x\n",
      String(repeating: "x|", count: 2_000) + "\n" + String(repeating: "-|", count: 2_000) + "\n",
      String(repeating: "a<![CDATA[", count: 50_000) + "\n",
      String(repeating: "_", count: 100_000) + "\n",
    ]
    for text in cases {
      let started = Date()
      let doc = parse(text)
      XCTAssertEqual(doc.diagnostics.count, 1, String(text.prefix(20)))
      XCTAssertTrue(doc.diagnostics.first?.message.contains("raise `limits:") == true)
      XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }
  }
}

@testable import SyllabusRenderer

/// The hand-written template dictionaries must list exactly the stored properties, or a
/// template would silently render a field as empty.
final class TemplateFieldsTests: XCTestCase {
  func assertComplete(_ value: Any & TemplateFields, file: StaticString = #filePath, line: UInt = #line) {
    let labels = Set(Mirror(reflecting: value).children.compactMap(\.label))
    XCTAssertEqual(Set(value.templateFields.keys), labels, "\(type(of: value))", file: file, line: line)
  }

  func testExplicitFieldsMatchStoredProperties() {
    let link = LinkView(title: "t", url: "u")
    assertComplete(link)
    assertComplete(NavTopic(number: 1, title: "t", url: "u", current: true))
    assertComplete(NavLayer(title: "t", color: "c", topics: [], collapsedURL: "u", collapsedText: "x"))
    assertComplete(TOCEntry(text: "t", id: "i", sub: false))
    assertComplete(HintView(number: 1, total: 2, html: "h"))
    assertComplete(QuestionItem(title: "t", url: "u", level: "l", tldr: "x", topicTitle: "tt"))
    assertComplete(LayoutContext(
      root: "", lang: "de", siteTitle: "s", pageTitle: "p", description: "d", kind: "k", canonical: "c", homeURL: "h", headerHTML: "",
      sidebarHTML: "", breadcrumbs: [], hasBreadcrumbs: false, toc: [], hasTOC: false, prev: link, next: link,
      hasPager: true, isHome: false, contentHTML: "", shareType: "article", mathStylesheet: "m"))
    assertComplete(HeaderContext(siteTitle: "s", homeURL: "h", headerLinks: [link], searchURL: "s"))
    assertComplete(SidebarContext(nav: []))
    assertComplete(QuestionContext(
      root: "", topicTitle: "tt", topicURL: "u", levelTitle: "l", levelURL: "lu", tags: [], introHTML: "i", hints: [], hasHints: false, answerHTML: "a", pitfallsHTML: "p",
      followUpsHTML: "f", rubricHTML: "r", key: "k"))
    let question = PrintQuestion(anchor: "q1-1", title: "t", levelTitle: "l", tags: "a, b", tldr: "x", bodyHTML: "b")
    assertComplete(question)
    let chapter = PrintChapter(anchor: "topic-a", number: 1, title: "t", summary: "s", bodyHTML: "b", questions: [question])
    assertComplete(chapter)
    assertComplete(PrintContext(
      root: "", title: "t", subtitle: "s", introHTML: "i", chapters: [chapter], chapterCount: 1, questionCount: 1, countsText: "c"))
  }
}

/// The byte-level helpers that replaced Foundation and Character-based code on hot paths must
/// give exactly what the slower versions gave.
final class TextHelperTests: XCTestCase {
  func testSearchTermsFindWordsPairsAndSkipStopwords() {
    XCTAssertEqual(SearchTerms.of("The KV-cache of GPT-4o is naïve — 128 KiB/token, x."),
      ["kv", "cache", "gpt", "4o", "naïve", "128", "kib", "token"])
    XCTAssertEqual(SearchTerms.of("长上下文 and RAG"), ["长上", "上下", "下文", "rag"])
    XCTAssertEqual(SearchTerms.of("Über ÉCOLE"), ["über", "école"])
    XCTAssertEqual(SearchTerms.of("a b c"), [])
  }

  func testTrimmingSpacesMatchesFoundation() {
    for text in ["  x  ", "\tx\t", "x", "", "   ", "\u{00A0}x\u{3000}", " a b ", "x\n", "\u{2003}é\u{0301} "] {
      XCTAssertEqual(text.trimmingSpaces(), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
    }
  }

  func testJSONQuotingRoundTrips() throws {
    for text in ["plain", "quote \" and \\ slash", "line\nbreak\ttab\r", "</script><b>", "\u{01}\u{1F}", "sep\u{2028}\u{2029}", "emoji 🦙 and 中文", "dash — ok, ellipsis …"] {
      let quoted = JSONText.quote(text)
      XCTAssertFalse(quoted.contains("<"), quoted)
      let decoded = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
      XCTAssertEqual(decoded, [text], quoted)
    }
  }
}
