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

  /// A table already made, as a parse worker receives it from the build.
  public init(pages: [String: String]) { self.pages = pages }

  public struct Target: Sendable, Hashable {
    public var source: String
    public var anchor: String?
  }

  /// The source a link written in `from` points to, or nil when it leaves `content/`.
  public func target(of destination: String, from source: String) -> Target? {
    let hash = destination.utf8.firstIndex(of: UInt8(ascii: "#"))
    let raw = String(destination[..<(hash ?? destination.endIndex)])
    let path = raw.utf8.contains(UInt8(ascii: "%")) ? (raw.removingPercentEncoding ?? raw) : raw
    guard let resolved = RelativePath.resolve(path, from: source, aboveRoot: .fail) else { return nil }
    // An anchor copied from the address bar is percent-encoded (`#gr%C3%B6%C3%9Fe`): the
    // heading it names is the decoded one.
    let anchor = hash.map { String(destination[destination.utf8.index(after: $0)...]) }.map { $0.removingPercentEncoding ?? $0 }
    return Target(source: resolved, anchor: anchor)
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
