import Foundation
import XCTest
@testable import SyllabusRenderer

#if canImport(Glibc)
  import Glibc
#endif

/// Hostile input, killed builds, full disks, escaping and determinism, through the real CLI.
/// Large inputs are generated here rather than committed.
final class ReliabilityTests: XCTestCase {
  /// A minimal site with one chapter whose file we replace with each hostile shape.
  func site(topic: String, extra: [String: String] = [:]) throws -> URL {
    let dir = try TestSupport.temporaryDirectory()
    let content = dir.appendingPathComponent("content")
    try FileManager.default.createDirectory(at: content.appendingPathComponent("topics"), withIntermediateDirectories: true)
    try "title: T\nlayers:\n  - {id: base, title: Base, color: \"#d64545\"}\nlevels:\n  - {id: junior, title: Junior}\n"
      .write(to: content.appendingPathComponent("guide.yml"), atomically: true, encoding: .utf8)
    try Data(topic.utf8).write(to: content.appendingPathComponent("topics/a.md"))
    for (path, text) in extra {
      let url = content.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    return dir
  }

  func build(_ dir: URL) throws -> (TestSupport.Run, Double) {
    let started = Date()
    let run = try TestSupport.run(["build", "--templates", TestSupport.templates.path], in: dir)
    return (run, Date().timeIntervalSince(started))
  }

  let head = "---\ntitle: \"A\"\nlayer: base\n---\n"

  func testHostileShapesFinishFastWithALocatedDiagnosticOrAPage() throws {
    let cases: [(String, String, String?)] = [
      ("10 MB scalar", "---\ntitle: \"" + String(repeating: "x", count: 10_000_000) + "\"\nlayer: base\n---\n", "over the limit"),
      ("50 MB Markdown", head + String(repeating: "Lorem ipsum dolor sit amet.\n", count: 1_900_000), "over the limit of"),
      ("deep flow YAML", "---\ntitle: " + String(repeating: "[", count: 40_000) + "\nlayer: base\n---\n", "nests deeper than"),
      ("billion laughs", "---\ntitle: \"A\"\nlayer: base\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nrequires: *d\n---\n", "must be text"),
      ("nested quotes", head + String(repeating: "> ", count: 100_000) + "x\n", "nest more than"),
      ("nested lists", head + String(repeating: "- ", count: 100_000) + "x\n", "nest more than"),
      ("nested brackets", head + String(repeating: "[", count: 50_000) + "x\n", "unclosed `[`"),
      ("emphasis run", head + String(repeating: "*a", count: 50_000) + "\n", "emphasis markers"),
      ("wide table", head + String(repeating: "x|", count: 10_000) + "\n" + String(repeating: "-|", count: 10_000) + "\n", "more than 64 columns"),
      ("CDATA run", head + String(repeating: "a<![CDATA[", count: 50_000) + "\n", "raise `limits:"),
      ("pointy braces", head + String(repeating: "<a", count: 50_000) + "\n", "`<` characters"),
      ("CRLF and BOM", "\u{FEFF}---\r\ntitle: \"A\"\r\nlayer: base\r\n---\r\nWorks.\r\n", nil),
    ]
    for (name, text, expected) in cases {
      let dir = try site(topic: text)
      let (run, seconds) = try build(dir)
      XCTAssertLessThan(seconds, 5, name)
      if let expected {
        XCTAssertEqual(run.status, 1, name)
        XCTAssertTrue(run.stderr.contains("content/topics/a.md:"), "\(name): \(run.stderr.prefix(300))")
        XCTAssertTrue(run.stderr.contains(expected), "\(name): \(run.stderr.prefix(300))")
      } else {
        XCTAssertEqual(run.status, 0, "\(name): \(run.stderr)")
      }
    }
  }

  func testHostileIdsAndLayout() throws {
    let bad = ["id: ../x", "id: a/b", "id: con", "id: rаg"]  // the last has a Cyrillic 'а'
    for field in bad {
      let dir = try site(topic: "---\n\(field)\ntitle: \"A\"\nlayer: base\n---\n")
      let (run, _) = try build(dir)
      XCTAssertEqual(run.status, 1, field)
      XCTAssertTrue(run.stderr.contains("content/topics/a.md:2:5: error: invalid id"), "\(field): \(run.stderr)")
    }
    let outside = try site(topic: head)
    try FileManager.default.createSymbolicLink(atPath: outside.appendingPathComponent("content/topics/b.md").path, withDestinationPath: "/etc/passwd")
    let (run, _) = try build(outside)
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("content/topics/b.md:1:1: error: symbolic link points outside the content folder"), run.stderr)
  }

  func testFiftyTopicCycleAndTenThousandTags() throws {
    var extra: [String: String] = [:]
    for i in 0..<50 { extra["topics/t\(i).md"] = "---\ntitle: \"T\(i)\"\nlayer: base\nrequires: [t\((i + 1) % 50)]\n---\n" }
    let dir = try site(topic: head, extra: extra)
    let (run, seconds) = try build(dir)
    XCTAssertLessThan(seconds, 5)
    XCTAssertEqual(run.stderr.components(separatedBy: "error: dependency cycle").count - 1, 50)
    let tags = (0..<10_000).map { "tag\($0)" }.joined(separator: ", ")
    let question = "---\ntitle: \"Q\"\nlevel: junior\ntags: [\(tags)]\n---\n## Answer\n\nx\n"
    let many = try site(topic: head, extra: ["questions/a/q.md": question])
    let (refused, _) = try build(many)
    XCTAssertTrue(refused.stderr.contains("content/questions/a/q.md:2:1: error: front matter is 88921 bytes, over the limit of 65536"), refused.stderr)
    // With the size limit raised, the tag-count limit still stops it, at the `tags:` line.
    let guide = many.appendingPathComponent("content/guide.yml")
    try (String(contentsOf: guide, encoding: .utf8) + "limits:\n  max_front_matter_bytes: 200000\n").write(to: guide, atomically: true, encoding: .utf8)
    let (tagged, tagSeconds) = try build(many)
    XCTAssertLessThan(tagSeconds, 5)
    XCTAssertTrue(tagged.stderr.contains("content/questions/a/q.md:4:7: error: 10000 tags on one question, over the limit of 32"), String(tagged.stderr.prefix(300)))
  }

  func testPayloadsAreEscapedInEveryContext() throws {
    let payload = "</script><img src=x onerror=alert(1)> \"quoted\" 'single' {{mustache}}"
    let dir = try site(
      topic: "---\ntitle: '\(payload.replacingOccurrences(of: "'", with: "''"))'\nlayer: base\nsummary: '\(payload.replacingOccurrences(of: "'", with: "''"))'\n---\n## \(payload)\n\n> [!TIP] \(payload)\n> body <script>alert(2)</script>\n\n[link](javascript:alert(3))\n\n## Cheat sheet\n\n\(payload)\n",
      extra: ["questions/a/q.md": "---\ntitle: '\(payload.replacingOccurrences(of: "'", with: "''"))'\nlevel: junior\ntags: ['\(payload.replacingOccurrences(of: "'", with: "''"))', ok]\ntldr: '\(payload.replacingOccurrences(of: "'", with: "''"))'\n---\n## Answer\n\n\(payload)\n"])
    let (run, _) = try build(dir)
    XCTAssertEqual(run.status, 0, run.stderr)
    let files = TestSupport.snapshot(dir.appendingPathComponent("public"))
    var checked = 0
    for (path, data) in files where path.hasSuffix(".html") || path.hasSuffix(".svg") || path.hasSuffix(".xml") {
      let html = String(decoding: data, as: UTF8.self)
      checked += 1
      XCTAssertFalse(html.contains("<img src=x"), path)
      XCTAssertFalse(html.contains("<script>alert"), path)
      XCTAssertFalse(html.contains("href=\"javascript:"), path)
      XCTAssertFalse(html.contains("\"quoted\"\""), path)
    }
    XCTAssertGreaterThan(checked, 5)
    for (path, data) in files where path.hasSuffix(".js") && path.contains("index") {
      // Data scripts hold the payload as JSON strings, never as markup.
      XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("</script><img src=x onerror=alert(1)> \"quoted\""), path)
    }
  }

  func testKilledBuildsAlwaysLeaveACompleteSite() throws {
    let dir = try TestSupport.copyFixture("valid")
    XCTAssertEqual(try build(dir).0.status, 0)
    let page = dir.appendingPathComponent("content/pages/about.md")
    var sites: [[String: Data]] = [TestSupport.snapshot(dir.appendingPathComponent("public"))]
    for round in 1...25 {
      try "---\ntitle: \"About\"\norder: 1\n---\nVersion \(round).\n".write(to: page, atomically: true, encoding: .utf8)
      let process = Process()
      process.executableURL = TestSupport.binary
      process.arguments = ["build", "--templates", TestSupport.templates.path]
      process.currentDirectoryURL = dir
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(UInt32.random(in: 0...120_000))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let now = TestSupport.snapshot(dir.appendingPathComponent("public"))
      XCTAssertFalse(now.isEmpty, "round \(round): public/ vanished")
      let about = now["pages/about.html"].map { String(decoding: $0, as: UTF8.self) } ?? ""
      let isOld = sites.contains(now)
      let isNew = about.contains("Version \(round).") && now[".syllabus-manifest"] != nil && now.count == sites[0].count
      XCTAssertTrue(isOld || isNew, "round \(round): public/ is neither a previous nor the new complete site")
      sites.append(now)
    }
    // A later normal build cleans up whatever staging folders the kills left.
    XCTAssertEqual(try build(dir).0.status, 0)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".public") }, [])
  }

  func testFullDiskIsAClearErrorAndKeepsThePreviousSite() throws {
    let dir = try TestSupport.copyFixture("valid")
    XCTAssertEqual(try build(dir).0.status, 0)
    let before = TestSupport.snapshot(dir.appendingPathComponent("public"))
    // A 16 KiB file-size limit makes the first large write fail the way a full disk does. The
    // edit makes one page larger than that: unchanged files are linked, not written.
    let question = dir.appendingPathComponent("content/questions/basics/first.md")
    try (String(contentsOf: question, encoding: .utf8) + "\n" + String(repeating: "More text to make this page large. ", count: 800) + "\n").write(to: question, atomically: true, encoding: .utf8)
    let run = try TestSupport.run(
      executable: URL(fileURLWithPath: "/bin/sh"),
      ["-c", "ulimit -f 16 && exec \"$0\" build --templates \"$1\"", TestSupport.binary.path, TestSupport.templates.path], in: dir)
    let stderr = run.stderr
    XCTAssertEqual(run.status, 1, stderr)
    XCTAssertTrue(stderr.contains("error: cannot write the site to"), stderr)
    XCTAssertTrue(stderr.contains("the previous site is unchanged"), stderr)
    XCTAssertEqual(TestSupport.snapshot(dir.appendingPathComponent("public")), before)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".public") }, [])
  }

  func testBuildsAreByteIdenticalAcrossLocaleAndCoreCount() throws {
    // Without these locales glibc falls back to C and the second build would be C again.
    let categories = [LC_CTYPE, LC_NUMERIC, LC_TIME, LC_COLLATE, LC_MONETARY, LC_MESSAGES].reduce(Int32(0)) { $0 | (1 << $1) }
    for name in ["tr_TR.UTF-8", "de_DE.UTF-8"] {
      let handle = newlocale(categories, name, nil)
      XCTAssertNotNil(handle, "locale \(name) is not installed: run scripts/install-test-locales.sh (make test does)")
      if let handle { freelocale(handle) }
    }
    let dir = try TestSupport.copyFixture("valid")
    func buildWith(_ prefix: [String], _ env: [String: String], output: String) throws -> [String: Data] {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = env.map { "\($0)=\($1)" } + prefix + [TestSupport.binary.path, "build", "--templates", TestSupport.templates.path, "--output", output]
      process.currentDirectoryURL = dir
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      XCTAssertEqual(process.terminationStatus, 0)
      return TestSupport.snapshot(dir.appendingPathComponent(output))
    }
    let a = try buildWith([], ["LC_ALL": "C", "LANG": "C"], output: "out-a")
    let oneCore = FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset") ? ["/usr/bin/taskset", "-c", "0"] : []
    let b = try buildWith(oneCore, ["LC_ALL": "tr_TR.UTF-8", "LANG": "de_DE.UTF-8", "TZ": "Pacific/Kiritimati"], output: "out-b")
    XCTAssertEqual(a.count, b.count)
    XCTAssertEqual(a, b)
  }
}

/// The sidebar must not make every page list every chapter of a large guide.
final class SidebarScalingTests: XCTestCase {
  func testLargeGuidesFoldOtherLayersIntoLinks() throws {
    let dir = try TestSupport.temporaryDirectory()
    let content = dir.appendingPathComponent("content")
    try FileManager.default.createDirectory(at: content.appendingPathComponent("topics"), withIntermediateDirectories: true)
    try "title: T\nlayers:\n  - {id: a, title: A, color: \"#d64545\"}\n  - {id: b, title: B, color: \"#4577d6\"}\nlevels:\n  - {id: junior, title: Junior}\n"
      .write(to: content.appendingPathComponent("guide.yml"), atomically: true, encoding: .utf8)
    for i in 0..<40 {
      try "---\ntitle: \"Topic \(i)\"\nlayer: \(i < 20 ? "a" : "b")\n---\nBody.\n".write(to: content.appendingPathComponent("topics/t\(i).md"), atomically: true, encoding: .utf8)
    }
    let run = try TestSupport.run(["build", "--templates", TestSupport.templates.path], in: dir)
    XCTAssertEqual(run.status, 0, run.stderr)
    let page = try String(contentsOf: dir.appendingPathComponent("public/topics/t3.html"), encoding: .utf8)
    let sidebar = page.components(separatedBy: "<nav class=\"sidebar\"")[1].components(separatedBy: "</nav>")[0]
    XCTAssertEqual(sidebar.components(separatedBy: "<li>").count - 1, 20, "only the current layer's chapters")
    XCTAssertTrue(sidebar.contains("20 chapters on the map"))
  }

  /// A layer longer than the limit shows a window around the current chapter, so a page's
  /// sidebar stops growing with the guide (50k questions in 500 chapters).
  func testALongLayerShowsAWindowAroundTheCurrentChapter() throws {
    let dir = try TestSupport.temporaryDirectory()
    let content = dir.appendingPathComponent("content")
    try FileManager.default.createDirectory(at: content.appendingPathComponent("topics"), withIntermediateDirectories: true)
    try "title: T\nlayers:\n  - {id: a, title: A, color: \"#d64545\"}\nlevels:\n  - {id: junior, title: Junior}\n"
      .write(to: content.appendingPathComponent("guide.yml"), atomically: true, encoding: .utf8)
    for i in 0..<60 {
      try "---\ntitle: \"Topic \(i)\"\nlayer: a\norder: \(i)\n---\nBody.\n".write(to: content.appendingPathComponent("topics/t\(i).md"), atomically: true, encoding: .utf8)
    }
    let run = try TestSupport.run(["build", "--templates", TestSupport.templates.path], in: dir)
    XCTAssertEqual(run.status, 0, run.stderr)
    func sidebar(_ id: String) throws -> String {
      let page = try String(contentsOf: dir.appendingPathComponent("public/topics/\(id).html"), encoding: .utf8)
      return page.components(separatedBy: "<nav class=\"sidebar\"")[1].components(separatedBy: "</nav>")[0]
    }
    for id in ["t0", "t30", "t59"] {
      let nav = try sidebar(id)
      XCTAssertEqual(nav.components(separatedBy: "<li>").count - 1, SiteRenderer.fullSidebarLimit, id)
      XCTAssertTrue(nav.contains("aria-current=\"page\""), "\(id) is in its own window")
      XCTAssertTrue(nav.contains("\(60 - SiteRenderer.fullSidebarLimit) more chapters on the map"), id)
    }
    XCTAssertEqual(SiteRenderer.window(of: 60, around: 0), 0..<24)
    XCTAssertEqual(SiteRenderer.window(of: 60, around: 30), 18..<42)
    XCTAssertEqual(SiteRenderer.window(of: 60, around: 59), 36..<60)
    XCTAssertEqual(SiteRenderer.window(of: 10, around: 5), 0..<10)
  }
}

/// A read-only output location gives a clear error and keeps the previous site. Root ignores
/// permissions, so the build runs as `nobody` (skipped where that is not possible).
final class ReadOnlyOutputTests: XCTestCase {
  func testReadOnlyFolderIsAClearErrorAndKeepsThePreviousSite() throws {
    let dir = try TestSupport.copyFixture("valid")
    let first = try TestSupport.run(["build", "--templates", TestSupport.templates.path], in: dir)
    XCTAssertEqual(first.status, 0, first.stderr)
    let asNobody = try TestSupport.runnerAsNobody(in: dir)
    // Only `public/` stays owned by root and unwritable for `nobody`.
    let before = TestSupport.snapshot(dir.appendingPathComponent("public"))
    let run = try asNobody(["build"])
    let stderr = run.stderr
    XCTAssertEqual(run.status, 1, stderr)
    XCTAssertTrue(stderr.contains("error: cannot write the site to"), stderr)
    XCTAssertTrue(stderr.contains("(Permission denied)"), stderr)
    XCTAssertEqual(TestSupport.snapshot(dir.appendingPathComponent("public")), before)
  }
}

/// A content folder the tool cannot list is a located error, never an empty folder whose
/// chapters or questions vanish from the site without a word.
final class UnreadableContentTests: XCTestCase {
  func testUnreadableFolderIsALocatedError() throws {
    let dir = try TestSupport.copyFixture("valid")
    let folder = dir.appendingPathComponent("content/questions/basics")
    // Root reads every folder whatever its mode, so as root the run drops to `nobody`.
    let build: ([String]) throws -> TestSupport.Run
    if getuid() == 0 { build = try TestSupport.runnerAsNobody(in: dir) } else {
      build = { try TestSupport.run($0 + ["--templates", TestSupport.templates.path], in: dir) }
    }
    XCTAssertEqual(chmod(folder.path, 0), 0)
    defer { chmod(folder.path, 0o755) }
    let run = try build(["build", "--output", "out"])
    XCTAssertEqual(run.status, 1, run.stderr)
    XCTAssertTrue(run.stderr.contains("content/questions/basics:1:1: error: cannot read folder `questions/basics/`: Permission denied"), run.stderr)
  }

  /// What root cannot read past either: a file where a folder belongs, a link to nothing.
  func testAFileOrADanglingLinkWhereAFolderBelongsIsALocatedError() throws {
    let dir = try TestSupport.copyFixture("valid")
    let content = dir.appendingPathComponent("content")
    try FileManager.default.removeItem(at: content.appendingPathComponent("pages"))
    try "not a folder\n".write(to: content.appendingPathComponent("pages"), atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(at: content.appendingPathComponent("paths"))
    try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("paths").path, withDestinationPath: "gone")
    let run = try TestSupport.run(["build", "--templates", TestSupport.templates.path, "--output", "out"], in: dir)
    XCTAssertEqual(run.status, 1, run.stderr)
    XCTAssertTrue(run.stderr.contains("content/pages:1:1: error: cannot read folder `pages/`: it is a file, not a folder"), run.stderr)
    XCTAssertTrue(run.stderr.contains("content/paths:1:1: error: cannot read folder `paths/`: it is a symbolic link to nothing"), run.stderr)
    // A kind folder that is simply not there is still fine: no pages of that kind.
    try FileManager.default.removeItem(at: content.appendingPathComponent("pages"))
    try FileManager.default.removeItem(at: content.appendingPathComponent("paths"))
    XCTAssertFalse(try TestSupport.run(["build", "--templates", TestSupport.templates.path, "--output", "out"], in: dir).stderr.contains("cannot read"))
  }
}
