import Foundation
import XCTest

/// The real guide in content/: builds under --strict, and every internal link and anchor in
/// every page of public/ resolves. No test here depends on the guide's counts or ids.
final class GuideTests: XCTestCase {
  func testGuideBuildsStrictAndEveryInternalLinkResolves() throws {
    let output = try TestSupport.temporaryDirectory().appendingPathComponent("public")
    let run = try TestSupport.run(["build", "--output", output.path, "--strict"], in: TestSupport.packageRoot)
    XCTAssertEqual(run.status, 0, run.stderr)
    let files = TestSupport.snapshot(output)
    let pages = files.keys.filter { $0.hasSuffix(".html") }.sorted()
    // Expectations come from the content itself, never from its current size: one page per
    // Markdown source at least (the tool's behaviour is tested on fixtures).
    let sources = FileManager.default.enumerator(atPath: TestSupport.packageRoot.appendingPathComponent("content").path)?
      .compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.count ?? 0
    XCTAssertGreaterThanOrEqual(pages.count, sources)
    var ids: [String: Set<String>] = [:]
    for page in pages {
      let html = String(decoding: files[page]!, as: UTF8.self)
      ids[page] = Set(matches(#"\sid="([^"]+)""#, in: html))
    }
    var broken: [String] = []
    var checked = 0
    for page in pages where page != "404.html" {
      let html = String(decoding: files[page]!, as: UTF8.self)
      for link in matches(#"(?:href|src)="([^"]+)""#, in: html) {
        if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("mailto:") { continue }
        checked += 1
        let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let target = parts[0].isEmpty ? page : normalize(parts[0], from: page)
        guard let target, files[target] != nil else { broken.append("\(page): \(link)"); continue }
        if parts.count == 2, !parts[1].isEmpty, target.hasSuffix(".html"), ids[target]?.contains(parts[1].removingPercentEncoding ?? parts[1]) != true {
          broken.append("\(page): \(link) (no such anchor)")
        }
      }
    }
    XCTAssertGreaterThan(checked, pages.count)
    XCTAssertEqual(broken, [], "\(broken.count) broken links")
  }

  func matches(_ pattern: String, in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: pattern)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
      Range($0.range(at: 1), in: text).map { String(text[$0]) }
    }
  }

  func normalize(_ relative: String, from page: String) -> String? {
    var parts = page.split(separator: "/").dropLast().map(String.init)
    for piece in relative.split(separator: "/") {
      if piece == ".." { if parts.isEmpty { return nil }; parts.removeLast() } else if piece != "." { parts.append(String(piece)) }
    }
    return parts.joined(separator: "/")
  }
}
