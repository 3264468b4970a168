import Foundation
import SyllabusModel
import SyllabusResolver
import ZIPFoundation

/// `practice/<guide>.apkg`: the guide as an Anki package, a zip holding the collection
/// (`collection.anki2`, see `AnkiCollection`) and an empty media manifest. Entries carry a fixed
/// time and permissions, so the same guide gives the same bytes.
public enum AnkiPackage {
  /// 1980-01-01 00:00 UTC, the earliest time a zip entry can hold.
  static let entryDate = Date(timeIntervalSince1970: 315_532_800)

  public static func file(for site: ResolvedSite, clock: DeckClock) throws -> OutputFile {
    let collection = try AnkiCollection.sqlite(DeckContent(site: site, clock: clock))
    let archive = try Archive(data: Data(), accessMode: .create)
    for (name, bytes) in [("collection.anki2", collection), ("media", Data("{}".utf8))] {
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: entryDate, permissions: 0o644,
        compressionMethod: .deflate
      ) { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) }
    }
    guard let data = archive.data else { throw DeckError.archive }
    return OutputFile(path: SiteURL.ankiDeck(site.guide.slug), contents: data)
  }

  enum DeckError: Error, CustomStringConvertible {
    case archive
    var description: String { "could not assemble the Anki package in memory" }
  }
}
