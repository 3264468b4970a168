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
