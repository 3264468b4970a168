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

  /// docs/content-format.md holds each kind's table between `<!-- fields: Kind … -->` and
  /// `<!-- /fields -->`. Run with SYLLABUS_UPDATE_DOCS=1 to rewrite them from the declarations.
  func testDocsTablesMatchTheDeclarations() throws {
    let url = TestSupport.packageRoot.appendingPathComponent("docs/content-format.md")
    var text = try String(contentsOf: url, encoding: .utf8)
    let tables = [("Topic", Topic.fieldTable), ("Question", Question.fieldTable), ("StudyPath", StudyPath.fieldTable), ("Page", Page.fieldTable)]
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
