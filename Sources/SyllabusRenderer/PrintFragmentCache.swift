import Foundation
import SyllabusModel

/// The print fragments of every chapter and question (`PrintFragment`), made once per render
/// by the first print document that needs them, for all documents. Those of an earlier render
/// (kept in memory by `serve`, on disk by a cached build) are reused for each page whose HTML
/// (by its 128-bit digest, as the build cache tells edited bodies), URL and anchor are the same
/// as then: a one-edit rebuild rewrites one page, not the whole guide three times.
public final class PrintFragmentCache: @unchecked Sendable {
  private let lock = NSLock()
  /// Called once, on first use: the earlier render's fragments, if any.
  private var earlier: (() -> PrintFragments?)?
  private var made: PrintFragments?
  /// Whether this render made fragments the earlier render did not have.
  private var added = false

  public init() {}

  /// Offers an earlier render's fragments; `load` runs only if a print document is rendered.
  public func reuse(_ load: @escaping () -> PrintFragments?) {
    lock.lock()
    earlier = load
    lock.unlock()
  }

  /// This render's fragments, nil when no print document was rendered or all of them are the
  /// earlier render's (which then still hold).
  public var changed: PrintFragments? {
    lock.lock()
    defer { lock.unlock() }
    return added ? made : nil
  }

  /// The fragment of each page, by source path, made on the first call. A page's HTML is
  /// joined from its sections only while its fragment is checked or made: held for every
  /// page at once it was a sixth of a 10k build's peak of memory.
  func fragments(_ pages: () -> [PrintFragments.Page]) -> [String: PrintFragments.Entry] {
    lock.lock()
    defer { lock.unlock() }
    if let made { return made.entries }
    let pages = pages()
    let before = earlier?()?.entries ?? [:]
    var out = [PrintFragments.Entry?](repeating: nil, count: pages.count)
    var reused = [Bool](repeating: false, count: pages.count)
    out.withUnsafeMutableBufferPointer { outBuffer in
      reused.withUnsafeMutableBufferPointer { reusedBuffer in
        let (out, reused) = (outBuffer, reusedBuffer)
        DispatchQueue.concurrentPerform(iterations: pages.count) { i in
          let page = pages[i], html = page.html()
          let input = PrintFragments.Input(source: page.source, html: html, pageURL: page.pageURL, anchor: page.anchor, demote: page.demote)
          if let old = before[input.source], old.input == input {
            out[i] = old
            reused[i] = true
          } else {
            out[i] = PrintFragments.Entry(
              input: input, fragment: PrintFragment(html, from: input.pageURL, anchor: input.anchor, demote: input.demote))
          }
        }
      }
    }
    let entries = Dictionary(out.map { ($0!.input.source, $0!) }, uniquingKeysWith: { a, _ in a })
    added = reused.contains(false) || entries.count != before.count
    made = PrintFragments(entries: entries)
    return entries
  }
}

/// Print fragments by the source path of the page they come from, each with what it was made from.
public struct PrintFragments: Sendable {
  public var entries: [String: Entry]

  public init(entries: [String: Entry]) { self.entries = entries }

  /// A page to make a fragment of; its HTML is joined when asked for (see `fragments`).
  public struct Page: Sendable {
    public var source: String
    public var html: @Sendable () -> String
    public var pageURL: String
    public var anchor: String
    public var demote: Int

    public init(source: String, html: @escaping @Sendable () -> String, pageURL: String, anchor: String, demote: Int) {
      self.source = source
      self.html = html
      self.pageURL = pageURL
      self.anchor = anchor
      self.demote = demote
    }
  }

  /// Everything a fragment is made from, its HTML as a digest (`StableHasher.hex`).
  public struct Input: Sendable, Equatable {
    public var source: String
    public var htmlDigest: String
    public var pageURL: String
    public var anchor: String
    public var demote: Int

    public init(source: String, htmlDigest: String, pageURL: String, anchor: String, demote: Int) {
      self.source = source
      self.htmlDigest = htmlDigest
      self.pageURL = pageURL
      self.anchor = anchor
      self.demote = demote
    }

    public init(source: String, html: String, pageURL: String, anchor: String, demote: Int) {
      self.init(source: source, htmlDigest: StableHasher.hex(html), pageURL: pageURL, anchor: anchor, demote: demote)
    }
  }

  public struct Entry: Sendable {
    public var input: Input
    public var fragment: PrintFragment

    public init(input: Input, fragment: PrintFragment) {
      self.input = input
      self.fragment = fragment
    }
  }
}
