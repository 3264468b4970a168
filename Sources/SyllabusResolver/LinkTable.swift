import Foundation
import SyllabusModel

/// Maps each Markdown source (by its path in `content/`) to the page it becomes, so relative
/// `.md` links can be rewritten to relative page URLs and checked.
public struct LinkTable: Sendable {
  /// Source path → page URL relative to the site root.
  public let pages: [String: String]

  public init(_ site: SiteSource) {
    var pages: [String: String] = [:]
    for t in site.topics { pages[t.body.path] = SiteURL.topic(t.id) }
    for q in site.questions { pages[q.body.path] = SiteURL.question(topic: q.topic.value, id: q.id) }
    for p in site.paths { pages[p.body.path] = SiteURL.path(p.id) }
    for p in site.pages { pages[p.body.path] = SiteURL.page(p.id) }
    self.pages = pages
  }

  public struct Target: Sendable, Hashable {
    public var source: String
    public var anchor: String?
  }

  /// The source a link written in `from` points to, or nil when it leaves `content/`.
  public func target(of destination: String, from source: String) -> Target? {
    let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let raw = String(parts[0])
    let path = raw.utf8.contains(UInt8(ascii: "%")) ? (raw.removingPercentEncoding ?? raw) : raw
    var components = source.split(separator: "/").dropLast().map(String.init)
    for piece in path.split(separator: "/") {
      switch piece {
      case ".": continue
      case "..":
        guard !components.isEmpty else { return nil }
        components.removeLast()
      default: components.append(String(piece))
      }
    }
    return Target(source: components.joined(separator: "/"), anchor: parts.count > 1 ? String(parts[1]) : nil)
  }

  /// The URL to write into the page rendered from `source`, or nil when nothing matches.
  public func rewrite(_ destination: String, from source: String) -> String? {
    guard let target = target(of: destination, from: source), let page = pages[target.source],
      let fromPage = pages[source]
    else { return nil }
    let url = SiteURL.rootPrefix(from: fromPage) + page
    return target.anchor.map { "\(url)#\($0)" } ?? url
  }
}
