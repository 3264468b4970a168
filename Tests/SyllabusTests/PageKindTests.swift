import Foundation
import XCTest

@testable import SyllabusBuild
@testable import SyllabusModel
@testable import SyllabusRenderer

/// `PageKind` is the one list of page kinds: every page the renderer makes comes from one of
/// its rows and lands where that row says.
final class PageKindTests: XCTestCase {
  func testEveryPageComesFromAKindAndLandsWhereItsRowSays() throws {
    let checked = Pipeline.check(BuildSettings(
      content: TestSupport.fixtures.appendingPathComponent("valid/content"), templates: TestSupport.templates,
      output: URL(fileURLWithPath: "/nonexistent")))
    let site = try XCTUnwrap(checked.site)
    let renderer = SiteRenderer(site: site, documents: checked.documents, templates: try XCTUnwrap(checked.templates))
    let jobs = renderer.pageJobs()
    XCTAssertEqual(Set(jobs.map(\.url)).count, jobs.count, "no two jobs write the same page")
    for job in jobs {
      // `<id>`, `<topic>` and `<slug>` stand for one path segment each.
      let pattern = "^" + NSRegularExpression.escapedPattern(for: job.kind.spec.urls)
        .replacingOccurrences(of: "<id>", with: "[^/]+").replacingOccurrences(of: "<topic>", with: "[^/]+")
        .replacingOccurrences(of: "<slug>", with: "[^/]+") + "$"
      XCTAssertNotNil(job.url.range(of: pattern, options: .regularExpression), "\(job.url) is not \(job.kind.spec.urls)")
    }
    // The fixture has a page of every kind, so none of the rows is dead.
    XCTAssertEqual(Set(jobs.map(\.kind)), Set(PageKind.allCases))
  }

  func testTemplatesSearchAndSummaryComeFromTheList() {
    XCTAssertEqual(TemplateSet.required, ["layout", "header", "sidebar"] + PageKind.allCases.map(\.template).reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
    XCTAssertEqual(PageKind.allCases.compactMap(\.searchLabel), ["chapter", "question", "cheat sheet", "path", "page"])
    // Each searched kind has its result label in the strings table.
    for label in PageKind.allCases.compactMap(\.searchLabel) {
      XCTAssertTrue(UIStrings.isKnown("kind_" + label.replacingOccurrences(of: " ", with: "_")), label)
    }
    var report = BuildReport(diagnostics: [], pagesByKind: ["cheat sheets": 1, "chapters": 2, "other": 3], filesWritten: 9, seconds: 0, failed: false)
    report.stages = []
    XCTAssertTrue(report.summary.hasPrefix("built 9 files (2 chapters, 1 cheat sheet, 3 other)"), report.summary)
  }
}
