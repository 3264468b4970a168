import Foundation
import SyllabusMarkdown
import SyllabusModel
import SyllabusResolver

/// Parsed documents kept between rebuilds of `serve`: a body is parsed again only when its
/// text, its place in the file, the parse options or the set of link targets changed.
public final class ParseCache: @unchecked Sendable {
  private struct Key: Hashable {
    var path: String
    var text: String
    var firstLine: Int
    var allowRawHTML: Bool
    var limits: Limits
  }

  private struct Entry {
    var key: Key
    var linkTargets: [String: String]
    var document: MarkdownDocument
  }

  private var entries: [String: Entry] = [:]
  private let lock = NSLock()
  public private(set) var hits = 0
  public private(set) var misses = 0

  public init() {}

  private func key(_ body: MarkdownSource, _ options: MarkdownParser.Options) -> Key {
    Key(path: body.path, text: body.text, firstLine: body.firstLine, allowRawHTML: options.allowRawHTML, limits: options.limits)
  }

  func document(for body: MarkdownSource, options: MarkdownParser.Options, links: LinkTable) -> MarkdownDocument? {
    lock.lock()
    defer { lock.unlock() }
    guard let entry = entries[body.path], entry.key == key(body, options), entry.linkTargets == links.pages else {
      misses += 1
      return nil
    }
    hits += 1
    return entry.document
  }

  func store(_ document: MarkdownDocument, for body: MarkdownSource, options: MarkdownParser.Options, links: LinkTable) {
    lock.lock()
    defer { lock.unlock() }
    entries[body.path] = Entry(key: key(body, options), linkTargets: links.pages, document: document)
  }
}
