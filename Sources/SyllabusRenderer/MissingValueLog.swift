import Foundation
import SyllabusModel

/// Value tags that found nothing while pages rendered. Mustache renders such a tag as
/// nothing, which hides a misspelt field or a string missing from the table; each tag is
/// reported once, as a warning at its place in the template, naming the first page (by
/// path, so the message does not depend on thread timing) it failed on. Render threads
/// share one log, so it holds a lock.
final class MissingValueLog: @unchecked Sendable {
  private var found: [SourceLocation: (page: String, diagnostic: Diagnostic)] = [:]
  private let lock = NSLock()

  func record(_ sites: [CompiledTemplate.TagSite], page: String) {
    lock.lock()
    defer { lock.unlock() }
    for site in sites {
      let location = SourceLocation(file: site.template, line: site.line, column: site.column)
      if let known = found[location], known.page <= page { continue }
      let where_ = page.isEmpty ? "" : " on page `\(page)`"
      found[location] = (page, .warning(
        location,
        "template value `\(site.tag)` has no value\(where_), so it renders as nothing; check the name against the fields this template gets (ARCHITECTURE.md, Templates), or wrap it in `{{#\(site.name)}}…{{/\(site.name)}}` if it may be absent"))
    }
  }

  var diagnostics: [Diagnostic] {
    lock.lock()
    defer { lock.unlock() }
    return found.values.map(\.diagnostic).sorted { $0.location < $1.location }
  }
}
