import Foundation
import SyllabusTheme
import XCTest

/// The tool as an author meets it: from an empty folder outside this repository, with no
/// templates folder anywhere, `init`, `check`, `build`, `new` and `theme export`.
final class AuthorTests: XCTestCase {
  /// The literals in EmbeddedFiles.swift are exactly templates/ and starter/: a template edit
  /// without `scripts/embed-files.sh` (run by `make`) fails here, not in an author's build.
  func testEmbeddedFilesMatchTheFoldersInTheRepository() {
    for (folder, embedded) in [("templates", EmbeddedFiles.theme), ("starter", EmbeddedFiles.starter)] {
      let onDisk = TestSupport.snapshot(TestSupport.packageRoot.appendingPathComponent(folder)).filter { !$0.key.split(separator: "/").contains { $0.hasPrefix(".") && $0 != ".gitignore" } }
      XCTAssertEqual(Set(embedded.keys), Set(onDisk.keys), "\(folder): run scripts/embed-files.sh")
      for (path, data) in onDisk { XCTAssertEqual(embedded[path], data, "\(folder)/\(path) differs from the embedded copy: run scripts/embed-files.sh") }
    }
  }

  /// An empty folder outside the repository (the temporary directory), with no templates.
  func emptyFolder() throws -> URL {
    let dir = try TestSupport.temporaryDirectory()
    XCTAssertFalse(dir.path.hasPrefix(TestSupport.packageRoot.path))
    return dir
  }

  func assertRuns(_ arguments: [String], in dir: URL, file: StaticString = #filePath, line: UInt = #line) throws {
    let run = try TestSupport.run(arguments, in: dir)
    XCTAssertEqual(run.status, 0, "syllabus \(arguments.joined(separator: " ")):\n\(run.stderr)", file: file, line: line)
  }

  /// Every kind `new` writes, then the guide must still pass check and build under --strict.
  func assertEveryNewKindBuilds(root: URL, topic: String) throws {
    let deeper = root.appendingPathComponent("content/topics")
    try assertRuns(["new", "topic", "fresh-chapter"], in: deeper)  // found upward from a subfolder
    try assertRuns(["new", "question", "fresh-question", "--topic", topic], in: root)
    try assertRuns(["new", "question", "second-fresh-question", "--topic", "fresh-chapter"], in: root)
    try assertRuns(["new", "path", "fresh-path"], in: root)
    try assertRuns(["new", "page", "fresh-page"], in: root)
    try assertRuns(["check", "--strict"], in: root)
    try assertRuns(["build", "--strict"], in: deeper)
    XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("public/paths/fresh-path.html").path))
    XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("public/questions/fresh-chapter/second-fresh-question.html").path))
  }

  func testInitCheckBuildNewOfEveryKindAndBuildAgain() throws {
    let dir = try emptyFolder()
    try assertRuns(["init", "g", "--title", "Distributed \"Systems\" Interviews"], in: dir)
    let root = dir.appendingPathComponent("g")
    XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("templates").path))
    try assertRuns(["check", "--strict"], in: root)
    try assertRuns(["build", "--strict"], in: root)
    let home = try String(contentsOf: root.appendingPathComponent("public/index.html"), encoding: .utf8)
    XCTAssertTrue(home.contains("Distributed &quot;Systems&quot; Interviews"), "the --title is the guide's title")
    try assertEveryNewKindBuilds(root: root, topic: "first-steps")
    let again = try TestSupport.run(["init", "g"], in: dir)
    XCTAssertEqual(again.status, 1)
    XCTAssertTrue(again.stderr.contains("refusing to overwrite"), again.stderr)
  }

  /// The same on a guide with other layer and level ids than the starter's.
  func testNewOfEveryKindBuildsOnTheValidFixture() throws {
    let root = try TestSupport.copyFixture("valid")
    try assertEveryNewKindBuilds(root: root, topic: "advanced")
    let topic = try String(contentsOf: root.appendingPathComponent("content/topics/fresh-chapter.md"), encoding: .utf8)
    XCTAssertTrue(topic.contains("layer: base"), topic)
    let question = try String(contentsOf: root.appendingPathComponent("content/questions/advanced/fresh-question.md"), encoding: .utf8)
    XCTAssertTrue(question.contains("level: junior"), question)
  }

  func testThemeExportWritesEveryFileRefusesToOverwriteAndOverridesFileByFile() throws {
    let dir = try emptyFolder()
    try assertRuns(["init"], in: dir)
    try assertRuns(["theme", "export", "templates"], in: dir)
    let exported = TestSupport.snapshot(dir.appendingPathComponent("templates"))
    XCTAssertEqual(exported, EmbeddedFiles.theme)
    let again = try TestSupport.run(["theme", "export", "templates"], in: dir)
    XCTAssertEqual(again.status, 1)
    XCTAssertTrue(again.stderr.contains("refusing to overwrite"), again.stderr)
    // Keep one file only, changed: it wins, and everything else still comes from the binary.
    for (path, _) in exported where path != "notfound.mustache" {
      try FileManager.default.removeItem(at: dir.appendingPathComponent("templates/\(path)"))
    }
    try "{{% CONTENT_TYPE: HTML }}<p id=\"custom-404\">gone</p>\n".write(to: dir.appendingPathComponent("templates/notfound.mustache"), atomically: true, encoding: .utf8)
    try assertRuns(["build", "--strict"], in: dir)
    let notFound = try String(contentsOf: dir.appendingPathComponent("public/404.html"), encoding: .utf8)
    XCTAssertTrue(notFound.contains("custom-404"))
    XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("public/assets/style.css").path))
  }

  func testThemeInGuideYMLIsRelativeToGuideYML() throws {
    let dir = try emptyFolder()
    try assertRuns(["init"], in: dir)
    let theme = dir.appendingPathComponent("content/my-theme")
    try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
    try "{{% CONTENT_TYPE: HTML }}<p id=\"theme-404\">gone</p>\n".write(to: theme.appendingPathComponent("notfound.mustache"), atomically: true, encoding: .utf8)
    let guide = dir.appendingPathComponent("content/guide.yml")
    try (try String(contentsOf: guide, encoding: .utf8) + "theme: my-theme\n").write(to: guide, atomically: true, encoding: .utf8)
    try assertRuns(["build"], in: dir)
    XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("public/404.html"), encoding: .utf8).contains("theme-404"))
  }

  func testOutsideAnyGuideTheErrorSaysHowToStartOne() throws {
    let run = try TestSupport.run(["build"], in: try emptyFolder())
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("run `syllabus init`"), run.stderr)
  }
}

@testable import SyllabusModel

/// The strings table: German complete, plural forms per language, and the guide.yml and
/// strings.yml traps reported where they are.
final class LanguageTests: XCTestCase {
  func testGermanTranslatesEveryKeyAndPluralFormsFollowTheLanguage() {
    XCTAssertEqual(Set(UIStrings.german.keys), Set(UIStrings.english.keys))
    let en = UIStrings(language: "en"), de = UIStrings(language: "de-AT")
    XCTAssertEqual(en.count("questions", 1), "1 question")
    XCTAssertEqual(en.count("questions", 2), "2 questions")
    XCTAssertEqual(de.count("questions", 1), "1 Frage")
    XCTAssertEqual(de[SectionName.cheatSheet.rawValue], "Spickzettel")
    XCTAssertEqual(PluralRule.category(language: "ru", 21), "one")
    XCTAssertEqual(PluralRule.category(language: "ru", 22), "few")
    XCTAssertEqual(PluralRule.category(language: "pl", 25), "many")
    XCTAssertEqual(PluralRule.category(language: "fr", 0), "one")
    XCTAssertEqual(PluralRule.category(language: "ja", 1), "other")
    let custom = UIStrings(language: "de", overrides: ["questions_one": "eine Frage"])
    XCTAssertEqual(custom.count("questions", 1), "eine Frage")
    XCTAssertTrue(UIStrings.isKnown("questions_few"))
    XCTAssertFalse(UIStrings.isKnown("nav_home_few"))
  }

  func testReservedIDsComeFromTheTemplates() {
    let reserved = ReservedIDs.scan(#"<main id="main"><li id="hint-{{number}}"></li>"#)
    XCTAssertEqual(reserved.exact, ["main"])
    XCTAssertTrue(reserved.contains("hint-2"))
    XCTAssertFalse(reserved.contains("hint-two"))
  }

  func build(guideYML: String, strings: String? = nil) throws -> TestSupport.Run {
    let root = try TestSupport.copyFixture("valid")
    try guideYML.write(to: root.appendingPathComponent("content/guide.yml"), atomically: true, encoding: .utf8)
    if let strings { try strings.write(to: root.appendingPathComponent("content/strings.yml"), atomically: true, encoding: .utf8) }
    return try TestSupport.run(["build", "--strict"], in: root)
  }

  func testUnquotedColourIsALocatedError() throws {
    let run = try build(guideYML: "title: T\nlayers:\n  - id: base\n    color: #2a9d8f\n  - id: top\nlevels:\n  - id: junior\n  - id: senior\n")
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("content/guide.yml:4:11: error: layer color is empty: an unquoted `#` starts a YAML comment"), run.stderr)
  }

  func testBadLanguageUnknownLintAndUnknownStringAreReported() throws {
    let run = try build(
      guideYML: "title: T\nlanguage: Deutsch\nlints: {tag-used-twice: off}\nlayers:\n  - id: base\n  - id: top\nlevels:\n  - id: junior\n  - id: senior\n",
      strings: "nav_hom: Start\n")
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("content/guide.yml:2:11: error: `language` must be a BCP 47 tag"), run.stderr)
    XCTAssertTrue(run.stderr.contains("content/guide.yml:3:9: error: unknown lint `tag-used-twice`"), run.stderr)
    XCTAssertTrue(run.stderr.contains("content/strings.yml:1:1: warning: unknown string `nav_hom`; did you mean `nav_home`"), run.stderr)
  }

  func testLintLevelsAreCheckedWhereTheyAreWritten() throws {
    let run = try build(
      guideYML: "title: T\nlints:\n  orphan-page: loud\n  missing-answer: [x]\n  image-without-alt: warning\n  tag-used-once: off\nlayers:\n  - id: base\nlevels:\n  - id: junior\n")
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("content/guide.yml:3:16: error: lint `orphan-page` must be one of `off`, `on`, `warning`, `error`; found `loud`"), run.stderr)
    XCTAssertTrue(run.stderr.contains("content/guide.yml:4:19: error: lint `missing-answer` must be one of `off`, `on`, `warning`, `error`; found a list or mapping"), run.stderr)
    XCTAssertFalse(run.stderr.contains("image-without-alt"), run.stderr)
    XCTAssertFalse(run.stderr.contains("tag-used-once"), run.stderr)
  }

  func testDiagnosticsQuoteTheGuidesOwnIds() throws {
    let root = try TestSupport.copyFixture("valid")
    try "---\ntitle: \"P\"\nplan:\n  - week: 1\n---\n".write(to: root.appendingPathComponent("content/paths/empty.md"), atomically: true, encoding: .utf8)
    let run = try TestSupport.run(["build"], in: root)
    XCTAssertTrue(run.stderr.contains("week 1 lists no `topics:`; add e.g. `topics: [advanced]`"), run.stderr)
  }
}
