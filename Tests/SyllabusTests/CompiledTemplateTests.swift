import Foundation
import Mustache
import XCTest

@testable import SyllabusBuild
@testable import SyllabusRenderer

/// CompiledTemplate must render exactly what swift-mustache renders: on tricky template
/// shapes here, and on every page of the fixture guides, a generated corpus and the bundled
/// guide in `CompiledSiteTests`.
final class CompiledTemplateTests: XCTestCase {
  /// Renders `main` (with the other templates as partials) both ways.
  func bothWays(_ templates: [String: String], _ context: Any, file: StaticString = #filePath, line: UInt = #line) throws {
    _ = FastHTMLEscape.registered
    var library = MustacheLibrary()
    for (name, text) in templates { try library.register(text, named: name) }
    let expected = try XCTUnwrap(library.render(context, withTemplate: "main"))
    let compiled = try templates.mapValues { try CompiledTemplate($0, name: "t") }
    var run = CompiledRun(templates: compiled, context: context)
    try run.render(compiled["main"]!.nodes, position: nil, indentation: [], escaping: .characters)
    XCTAssertEqual(String(decoding: run.out, as: UTF8.self), expected, file: file, line: line)
  }

  let items: [String: Any] = [
    "items": [["name": "a <b>"], ["name": "c & 'd'"], ["name": "\"e\""]] as [Any], "empty": [] as [Any],
    "yes": true, "no": false, "zero": 0, "blank": "", "n": 42, "pi": 2.5, "word": "<\u{301}&x",
    "a": ["x": "ax", "b": ["c": "abc"] as [String: Any]] as [String: Any], "list": ["p", "q", "r"] as [Any],
    "t": ["hello": "Hi <there>"],
  ]

  func testStandaloneLinesAndNestedSections() throws {
    try bothWays(["main": "a\n  {{#items}}\n  - {{name}}\n    {{#yes}}\n  yes {{name}}\n    {{/yes}}\n  {{/items}}\nb\n"], items)
    try bothWays(["main": "{{#items}}[{{name}}]{{/items}}\n{{#items}}\n{{/items}}\n  {{#no}}x{{/no}}  \nend"], items)
    try bothWays(["main": "{{#yes}}\nopen\n{{/yes}} trailing\n  after\n{{#yes}} x\n{{/yes}}\n"], items)
    try bothWays(["main": "\t{{#yes}}\t\n\t{{^no}}\t\nin\n{{/no}}\n{{/yes}}"], items)
  }

  func testInvertedSectionsAndTruthiness() throws {
    try bothWays(["main": "{{^none}}no{{/none}}|{{^empty}}e{{.}}{{/empty}}|{{^no}}f{{/no}}|{{^yes}}y{{/yes}}|{{^items}}i{{/items}}"], items)
    try bothWays(["main": "{{#blank}}[{{.}}]{{/blank}}{{#zero}}[{{.}}]{{/zero}}{{#empty}}x{{/empty}}{{#none}}x{{/none}}"], items)
  }

  func testNamesDottedAnchoredAndImplicit() throws {
    try bothWays(["main": "{{#a}}{{x}}{{#b}}{{c}}{{a.x}}{{x}}{{.c}}{{.x}}{{/b}}{{/a}}{{a.b.c}}{{.n}}{{a.nope}}{{nope.c}}"], items)
    try bothWays(["main": "{{#list}}{{.}}{{{.}}}{{&.}}{{n}}{{/list}}{{#a}}{{.}}{{/a}}{{t.hello}}{{{t.hello}}}"], items)
  }

  func testEscapingPerContentType() throws {
    let probe = "{{word}}{{{word}}}{{& word}}{{n}}{{pi}}{{yes}}{{#items}}{{name}}{{/items}}{{> p}}\n"
    try bothWays(["main": probe, "p": "{{word}}"], items)
    try bothWays(["main": "{{% CONTENT_TYPE: HTML }}\n" + probe, "p": "{{word}}"], items)
    try bothWays(["main": "{{% CONTENT_TYPE: TEXT }}\n" + probe, "p": "{{% CONTENT_TYPE: HTML }}{{word}}"], items)
    try bothWays(["main": "{{#yes}}{{% CONTENT_TYPE: TEXT }}{{word}}{{/yes}}{{word}}"], items)
  }

  func testPartialIndentation() throws {
    let partial = "line1 {{n}}\n{{#list}}\n- {{.}}\n{{/list}}\n  {{#yes}}inner\nsecond{{/yes}}\nend\n"
    try bothWays(["main": "x\n  {{> p}}\n{{#items}}\n    {{> p}}\n{{/items}}\n\t{{> p}} inline\n", "p": partial], items)
    try bothWays(["main": "  {{> q}}\n", "q": "a\n  {{> p}}\nb", "p": partial], items)
    try bothWays(["main": "a\r\n  {{> p}}\r\n  {{#yes}}\r\n  b\r\n  {{/yes}}\r\n", "p": "1\r\n2\n3\r\n"], items)
  }

  func testSetDelimitersAndComments() throws {
    try bothWays(["main": "{{=<% %>=}}\n<% n %> {{n}}\n<%#list%><%.%><%/list%>\n<%={{ }}=%>\n{{n}}"], items)
    try bothWays(["main": "{{#yes}}{{=| |=}}|n||/yes|{{n}}"], items)
    try bothWays(["main": "  {{! c }}x\n  {{! standalone }}\n{{!multi\nline}}\nend {{!}}\n  {{! a }} {{! b }}\n"], items)
    try bothWays(["main": "a{{ n }}b{{\tn\t}}c{{}}d{ {n} }{{n}}{x}"], items)
  }

  func testTransformsAndListPositions() throws {
    try bothWays(["main": "{{^empty(items)}}has{{/empty(items)}}{{#empty(empty)}}none{{/empty(empty)}}{{count(list)}}"], items)
    try bothWays(["main": "{{#list}}{{.}}{{^last()}}, {{/last()}}{{#first()}}!{{/first()}}{{index()}}{{#yes}}{{even()}}{{/yes}}{{/list}}"], items)
    try bothWays(["main": "{{uppercased(t.hello)}}{{#reversed(list)}}{{.}}{{/reversed(list)}}{{first()}}{{lowercased(nope)}}"], items)
  }

  func testInheritanceAndDynamicPartialsAreLeftToSwiftMustache() {
    XCTAssertThrowsError(try CompiledTemplate("{{<p}}{{$b}}x{{/b}}{{/p}}", name: "t")) { XCTAssert($0 is CompiledTemplate.Unsupported) }
    XCTAssertThrowsError(try CompiledTemplate("{{>*name}}", name: "t")) { XCTAssert($0 is CompiledTemplate.Unsupported) }
  }

  func testALambdaInTheContextFallsBack() throws {
    let compiled = try CompiledTemplate("{{#f}}x{{/f}}", name: "t")
    var run = CompiledRun(templates: ["main": compiled], context: ["f": MustacheLambda { _ in "y" }] as [String: Any])
    XCTAssertThrowsError(try run.render(compiled.nodes, position: nil, indentation: [], escaping: .characters))
  }

  func testMissingValuesAreReportedWithTheirPlace() throws {
    let text = "{{n}}\n  {{absent}} {{#opt}}{{opt}}{{/opt}}{{#list}}{{list}}{{/list}}\n{{#a}}{{a.nope}}{{/a}}{{t.nope}}{{^no}}{{gone}}{{/no}}"
    let compiled = try CompiledTemplate(text, name: "templates/x.mustache")
    var run = CompiledRun(templates: ["x": compiled], context: items)
    try run.render(compiled.nodes, position: nil, indentation: [], escaping: .characters)
    XCTAssertEqual(run.missing.map { "\($0.line):\($0.column) \($0.tag)" }, ["2:3 {{absent}}", "3:7 {{a.nope}}", "3:23 {{t.nope}}", "3:40 {{gone}}"])
    let log = MissingValueLog()
    log.record(run.missing, page: "z.html")
    log.record(run.missing + run.missing, page: "q.html")
    log.record(run.missing, page: "r.html")
    XCTAssertEqual(log.diagnostics.count, 4)
    XCTAssertEqual(
      log.diagnostics.first?.description,
      "templates/x.mustache:2:3: warning: template value `{{absent}}` has no value on page `q.html`, so it renders as nothing; check the name against the fields this template gets (ARCHITECTURE.md, Templates), or wrap it in `{{#absent}}…{{/absent}}` if it may be absent")
  }
}

/// Every page of a guide, rendered by swift-mustache and by CompiledTemplate.
final class CompiledSiteTests: XCTestCase {
  func assertSameBothWays(_ content: URL, file: StaticString = #filePath, line: UInt = #line) throws {
    let checked = Pipeline.check(BuildSettings(content: content, templates: TestSupport.templates, output: URL(fileURLWithPath: "/nonexistent")))
    let site = try XCTUnwrap(checked.site, "\(checked.diagnostics)", file: file, line: line)
    var templates = try XCTUnwrap(checked.templates, file: file, line: line)
    XCTAssertEqual(Set(templates.compiled.keys), Set(TemplateSet.required + ["practice-scripts"]), "every built-in template compiles", file: file, line: line)
    templates.engine = .swiftMustache
    let expected = SiteRenderer(site: site, documents: checked.documents, templates: templates).render()
    templates.engine = .compiled
    let actual = SiteRenderer(site: site, documents: checked.documents, templates: templates).render()
    XCTAssertEqual(expected.files.map(\.path), actual.files.map(\.path), file: file, line: line)
    var differing: [String] = []
    for (a, b) in zip(expected.files, actual.files) where a.contents != b.contents { differing.append(a.path) }
    XCTAssertEqual(differing, [], "pages that differ", file: file, line: line)
    XCTAssertEqual(actual.warnings.map(\.description), [], "the built-in templates find every value", file: file, line: line)
    XCTAssertGreaterThan(expected.files.filter { $0.path.hasSuffix(".html") }.count, 5, file: file, line: line)
  }

  func testFixtureGuides() throws {
    for name in ["valid", "german", "typeset", "gfm", "browser-cjk"] {
      try assertSameBothWays(TestSupport.fixtures.appendingPathComponent("\(name)/content"))
    }
  }

  func testBundledGuide() throws {
    try assertSameBothWays(TestSupport.packageRoot.appendingPathComponent("content"))
  }

  func testGeneratedCorpus() throws {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", TestSupport.packageRoot.appendingPathComponent("bench/gen_corpus.py").path,
                        "--questions", "300", "--seed", "7", "--out", folder.appendingPathComponent("corpus").path]
    python.standardOutput = FileHandle.nullDevice
    try python.run()
    python.waitUntilExit()
    XCTAssertEqual(python.terminationStatus, 0)
    try assertSameBothWays(folder.appendingPathComponent("corpus/syllabus/content"))
  }
}
