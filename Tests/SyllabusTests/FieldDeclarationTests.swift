import Foundation
import XCTest

@testable import SyllabusLoader
@testable import SyllabusModel

/// Each content kind declares its front matter once (`Question.fields` and its siblings):
/// decoding, the unknown-key warning, what templates see and the docs tables follow from it.
final class FieldDeclarationTests: XCTestCase {
  func question(_ yaml: String) -> (Question?, [Diagnostic]) {
    ContentLoader.question(from: Data("---\n\(yaml)\n---\n## Answer\n\nYes.\n".utf8), path: "questions/kv/q.md")
  }

  func testDeclaredQuestionFieldsAreDecodedAndHandedToTemplates() throws {
    let (decoded, diagnostics) = question("title: Why?\nlevel: junior\ntags: [a, b]\nroles: [ml]\ntldr: Because.\norder: 3\npractice: true")
    let q = try XCTUnwrap(decoded)
    XCTAssertEqual(diagnostics, [])
    XCTAssertEqual(q.title, "Why?")
    XCTAssertEqual(q.topic.value, "kv", "topic defaults to the folder")
    XCTAssertEqual(q.tags.map(\.value), ["a", "b"])
    XCTAssertEqual(q.roles?.map(\.value), ["ml"])
    XCTAssertEqual(q.order, 3)
    let view = q.templateView
    XCTAssertEqual(Set(view.keys), ["title", "tldr", "isPractice"])
    XCTAssertEqual(view["tldr"] as? String, "Because.")
    XCTAssertEqual(view["isPractice"] as? Bool, true)
  }

  func testUnknownKeyWarningListsTheDeclaredNames() {
    let (_, diagnostics) = question("title: Why?\nlevel: junior\ntldrr: x")
    let names = Question.fields.map { "`\($0.name)`" }.joined(separator: ", ")
    XCTAssertEqual(diagnostics.map(\.message), ["unknown field `tldrr`; known fields are \(names)"])
  }

  func testRequiredFieldsAndExamplesComeFromTheDeclaration() {
    let (decoded, diagnostics) = question("tags: x")
    XCTAssertNil(decoded)
    XCTAssertEqual(Set(diagnostics.map(\.message)), [
      "missing required field `title`; add e.g. `title: \"Question?\"`",
      "missing required field `level`; add e.g. `level: beginner`",
      "`tags` must be a list, e.g. `tags: [my-chapter]`; found `x`",
    ])
  }

  func guide(_ yaml: String) throws -> (Guide?, [Diagnostic]) {
    let dir = try TestSupport.temporaryDirectory()
    try yaml.write(to: dir.appendingPathComponent("guide.yml"), atomically: true, encoding: .utf8)
    return ContentLoader(root: dir, displayRoot: "content").guide()
  }

  /// guide.yml's plain keys are read from `Guide.fields`, with the rules a type cannot say
  /// (`base_url`'s closing `/`, the language tag) kept beside them.
  func testGuideFieldsAreDecodedFromTheDeclaration() throws {
    let layersAndLevels = "layers: [{id: base, title: Base, color: \"#123456\"}]\nlevels: [{id: junior}]\n"
    let (decoded, diagnostics) = try guide(
      "title: My Guide\ndescription: About it.\nbase_url: https://example.org/g\nallow_raw_html: true\nlanguage: de\ntheme: look\n" + layersAndLevels)
    let g = try XCTUnwrap(decoded)
    XCTAssertEqual(diagnostics, [])
    XCTAssertEqual([g.title, g.description, g.baseURL, g.language, g.theme], ["My Guide", "About it.", "https://example.org/g/", "de", "look"])
    XCTAssertTrue(g.allowRawHTML)
    let (plain, _) = try guide("title: T\n" + layersAndLevels)
    XCTAssertEqual(plain?.language, "en", "an absent key keeps the guide's default")
    XCTAssertEqual(plain?.description, "")
  }

  func testGuideWarningsAndErrorsComeFromTheDeclaration() throws {
    let (_, diagnostics) = try guide("titel: T\nlanguage: english\ntheme: [a]\nlayers: [{id: base}]\nlevels: [{id: junior}]\n")
    let names = Guide.fields.map { "`\($0.name)`" }.joined(separator: ", ")
    XCTAssertEqual(diagnostics.normalized().map(\.description), [
      "content/guide.yml:1:1: error: missing required field `title`; add e.g. `title: My Study Guide`",
      "content/guide.yml:1:1: warning: unknown field `titel`; known fields are \(names)",
      "content/guide.yml:2:11: error: `language` must be a BCP 47 tag such as `en`, `de` or `pt-BR`; found `english`",
      "content/guide.yml:3:8: error: `theme` must be text, e.g. `theme: theme`; found a list",
    ])
    XCTAssertEqual(Guide.fieldNames.prefix(4), ["title", "description", "base_url", "allow_raw_html"], "the warning's order is the declaration's")
  }

  /// docs/content-format.md holds each kind's table between `<!-- fields: Kind … -->` and
  /// `<!-- /fields -->`. Run with SYLLABUS_UPDATE_DOCS=1 to rewrite them from the declarations.
  func testDocsTablesMatchTheDeclarations() throws {
    let url = TestSupport.packageRoot.appendingPathComponent("docs/content-format.md")
    var text = try String(contentsOf: url, encoding: .utf8)
    let tables = [("Guide", Guide.fieldTable), ("Topic", Topic.fieldTable), ("Question", Question.fieldTable), ("StudyPath", StudyPath.fieldTable), ("Page", Page.fieldTable)]
    for (kind, table) in tables {
      guard let open = text.range(of: "<!-- fields: \(kind) "), let openEnd = text[open.upperBound...].range(of: "-->\n"),
        let close = text[openEnd.upperBound...].range(of: "<!-- /fields -->")
      else { return XCTFail("docs/content-format.md has no `<!-- fields: \(kind) … -->` … `<!-- /fields -->` block") }
      let current = String(text[openEnd.upperBound..<close.lowerBound])
      if ProcessInfo.processInfo.environment["SYLLABUS_UPDATE_DOCS"] == "1" {
        text.replaceSubrange(openEnd.upperBound..<close.lowerBound, with: table + "\n")
      } else {
        XCTAssertEqual(current, table + "\n", "the \(kind) table is stale; rerun with SYLLABUS_UPDATE_DOCS=1")
      }
    }
    if ProcessInfo.processInfo.environment["SYLLABUS_UPDATE_DOCS"] == "1" { try text.write(to: url, atomically: true, encoding: .utf8) }
  }
}
