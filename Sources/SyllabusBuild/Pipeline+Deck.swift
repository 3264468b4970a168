import Foundation
import SyllabusDeck
import SyllabusModel
import SyllabusResolver

/// The Anki deck, made after the pages from the parsed documents alone, for `build` and
/// `serve` alike.
extension Pipeline {
  /// The guide's Anki package, its cards showing the typeset bodies with the site's KaTeX files
  /// and code colours. Note times come from the sources' modification times (see `DeckClock`):
  /// reading them is the pipeline's job, as the deck writer touches no files. Full-answer
  /// fields made before come from `cards` (`serve`'s, in memory) or else from the build
  /// cache, which gets them back when any changed.
  static func deck(
    _ site: ResolvedSite, documents: [String: MarkdownDocument], style: DeckStyle, settings: BuildSettings,
    cards memory: CardCache? = nil, disk: BuildCache? = nil
  ) throws -> OutputFile {
    let sources = site.topics.map(\.body.path) + site.allQuestions.map(\.body.path) + ["guide.yml"]
    var modified: [String: Int64] = [:]
    for path in sources {
      // A time that cannot be read (the file just went): the note takes the newest of its other sources'.
      let attributes = try? FileManager.default.attributesOfItem(atPath: settings.content.appendingPathComponent(path).path)
      if let date = attributes?[.modificationDate] as? Date { modified[path] = Int64(date.timeIntervalSince1970.rounded(.down)) }
    }
    let slug = site.guide.slug
    let cards = memory ?? disk.map { CardCacheFile.load(from: $0.deckFolder, slug: slug) }
    let file = try AnkiPackage.file(
      for: site, documents: documents, style: style, clock: DeckClock(modified: modified, sourceDateEpoch: settings.sourceDateEpoch),
      cards: cards)
    if cards?.endDeck() == true, memory == nil, let disk { CardCacheFile.save(cards!, in: disk.deckFolder, slug: slug) }
    return file
  }

  /// The one report of a deck that could not be assembled, for `build` and `serve` alike. No
  /// source file is at fault (the deck is made in memory from what already built), so it
  /// points at none.
  static func deckFailure(_ error: Error, site: ResolvedSite) -> Diagnostic {
    .error(
      .nowhere,
      "could not build the Anki deck \(SiteURL.ankiDeck(site.guide.slug)): \(error). Nothing in the guide's files is known to cause this: "
        + "please report it as a bug of syllabus, with the guide that shows it")
  }

  static func deckStyle(_ checked: Checked) -> DeckStyle {
    DeckStyle(mathAssets: checked.mathAssets, themeStylesheet: checked.templates?.stylesheet ?? "")
  }
}

/// The deck made on a thread of its own while the pages render. Only for a light render: a
/// one-edit rebuild links nearly every page from the previous site, and what it still makes
/// (the print documents, the search index) runs on one core, so the deck takes the other;
/// at 10,000 questions that was two seconds of a six-second rebuild. A render of most pages
/// keeps every core busy and holds the most memory, so there the deck comes after it, as
/// before, and its memory does not stack on the render's.
final class DeckJob: @unchecked Sendable {
  private let done = DispatchGroup()
  /// Written once by the deck's thread before it leaves `done`; read only after waiting on it.
  private var result: Result<OutputFile, Error>?

  /// The `build --timings` stage of a deck made beside the render: what was left of it once
  /// the render was done.
  static let stageName = "deck (rest, made beside render)"

  /// Whether the deck is made beside a render that links `unchanged` pages and makes
  /// `rendered` files: when it links most of them.
  static func besideRender(unchanged: Int, rendered: Int) -> Bool { unchanged > rendered }

  init(_ make: @escaping @Sendable () throws -> OutputFile) {
    done.enter()
    let thread = Thread { [self] in
      result = Result(catching: make)
      done.leave()
    }
    // The deck's SQLite and zip work wants more than a secondary thread's default stack.
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The deck, or why it failed; waits for it the first time, and answers at once after.
  func wait() -> Result<OutputFile, Error> {
    done.wait()
    return result!
  }
}
