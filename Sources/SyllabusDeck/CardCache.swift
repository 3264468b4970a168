import Foundation

/// Full-answer fields made before, so a rebuild after one edit cleans one answer for its card,
/// not every one (`CardHTML.field` is most of a note's cost). An entry keeps its inputs whole
/// (the answer's typeset HTML, the page it was written for, the guide's base URL) and is
/// used only when all three are equal to this run's: no digest, so no collision. `serve`
/// keeps one for the session; a cached `build` loads one from the build cache folder and
/// stores it back (`CardCacheFile`). Safe to share between threads.
public final class CardCache: @unchecked Sendable {
  public struct Entry: Equatable, Sendable {
    public var page: String
    public var baseURL: String?
    public var html: String
    public var field: String

    public init(page: String, baseURL: String?, html: String, field: String) {
      self.page = page
      self.baseURL = baseURL
      self.html = html
      self.field = field
    }
  }

  private let lock = NSLock()
  /// By page: each note has its own.
  private var entries: [String: Entry]
  private var used: Set<String> = []
  private(set) public var hits = 0
  private(set) public var misses = 0

  public init(_ entries: [Entry] = []) {
    self.entries = Dictionary(entries.map { ($0.page, $0) }, uniquingKeysWith: { _, last in last })
  }

  /// The card field of `html` written for `page`: the one stored, when its inputs are these.
  func field(_ html: String, page: String, baseURL: String?) -> String {
    lock.lock()
    let stored = entries[page]
    used.insert(page)
    lock.unlock()
    if let stored, stored.baseURL == baseURL, stored.html == html {
      lock.lock()
      hits += 1
      lock.unlock()
      return stored.field
    }
    let field = CardHTML.field(html, page: page, baseURL: baseURL)
    lock.lock()
    entries[page] = Entry(page: page, baseURL: baseURL, html: html, field: field)
    misses += 1
    lock.unlock()
    return field
  }

  /// Ends a deck: entries for pages it did not ask for (deleted questions) go, so the cache
  /// stays the size of the guide. Returns whether anything changed since the cache was made
  /// or last ended a deck (a miss or a dropped entry): only then is it worth storing again.
  @discardableResult
  public func endDeck() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    let dropped = entries.count - used.count
    entries = entries.filter { used.contains($0.key) }
    let changed = misses > 0 || dropped > 0
    used = []
    hits = 0
    misses = 0
    return changed
  }

  /// Every entry, by page.
  public var all: [Entry] {
    lock.lock()
    defer { lock.unlock() }
    return entries.values.sorted { $0.page < $1.page }
  }
}
