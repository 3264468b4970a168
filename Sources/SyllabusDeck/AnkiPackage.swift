import Foundation
import SyllabusModel
import SyllabusResolver
import ZIPFoundation

/// `practice/<guide>.apkg`: the guide as an Anki package, a zip holding the collection
/// (`collection.anki2`, see `AnkiCollection`), the media manifest (`media`: entry name to file
/// name) and the media files as entries `0`, `1`… (see `DeckMedia`). Entries carry a fixed
/// time and permissions, so the same guide gives the same bytes.
public enum AnkiPackage {
  /// 1980-01-01 00:00 UTC, the earliest time a zip entry can hold.
  static let entryDate = Date(timeIntervalSince1970: 315_532_800)

  /// `documents`: the typeset bodies by source path; `style`: what the site shows them with;
  /// `cards`: full-answer fields made before (see `CardCache`), which ends its deck here.
  public static func file(
    for site: ResolvedSite, documents: [String: MarkdownDocument], style: DeckStyle, clock: DeckClock, cards: CardCache? = nil
  ) throws -> OutputFile {
    let deck = DeckContent(site: site, documents: documents, clock: clock, cards: cards)
    let media = DeckMedia(style: style, fields: deck.notes.flatMap(\.fields))
    let collection = try AnkiCollection.sqlite(deck, css: media.css)
    let archive = try Archive(data: Data(), accessMode: .create)
    let entries: [(String, Int, (Int, Int) throws -> Data)] =
      [("collection.anki2", collection.size, collection.read), bytes("media", Data(try media.manifest.utf8))]
      + media.files.enumerated().map { bytes("\($0.offset)", $0.element.contents) }
    for (name, size, read) in entries {
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(size), modificationDate: entryDate, permissions: 0o644,
        compressionMethod: .deflate
      ) { position, size in try read(Int(position), size) }
    }
    guard let data = archive.data else { throw DeckError.archive }
    return OutputFile(path: SiteURL.ankiDeck(site.guide.slug), contents: data)
  }

  /// An entry held in memory, as `(name, size, read)`.
  private static func bytes(_ name: String, _ data: Data) -> (String, Int, (Int, Int) throws -> Data) {
    (name, data.count, { data.subdata(in: $0..<$0 + $1) })
  }

  enum DeckError: Error, CustomStringConvertible {
    case archive
    var description: String { "could not assemble the Anki package in memory" }
  }
}
