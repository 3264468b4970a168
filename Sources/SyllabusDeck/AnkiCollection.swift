import Foundation

#if canImport(Glibc)
  import Glibc
#endif
import GRDB
import GRDBSQLite
import SyllabusModel

/// The deck as an Anki collection in schema 11, the format every Anki since 2.1 imports from
/// `collection.anki2` in a package: five tables, with the note types, decks and options as
/// JSON in the one `col` row. Inserts run in a fixed order with sorted JSON keys, so the same
/// content gives the same SQLite bytes. The database is a file in a temporary folder the deck
/// makes and removes (`Collection`): at 10,000 questions it is 40 MB, which in memory was held
/// twice (SQLite's pages and their serialized copy) beside the guide. Where no temporary
/// folder can be made it lives in memory instead, so the deck never fails for want of one.
enum AnkiCollection {
  /// Bump when the card template or style below changes, so Anki takes the new one (it keeps
  /// a note type whose time is not newer than its own). The style also depends on the guide
  /// (KaTeX only with math, the theme's code colours), so the note type is never older than
  /// the newest note: a guide that gains its first formula brings the stylesheet import along.
  static let notetypeModified: Int64 = 1_796_198_400  // 2026-12-02 08:00 UTC

  /// The collection's bytes: in a file (read in pieces by the zip) or in memory.
  final class Collection {
    let size: Int
    private let fd: Int32
    private let bytes: Data?

    fileprivate init(file path: String, folder: String) throws {
      fd = open(path, O_RDWR | O_CLOEXEC)
      var info = stat()
      guard fd >= 0, fstat(fd, &info) == 0, Self.clearFileHeader(fd) else {
        if fd >= 0 { close(fd) }
        rmdir(folder)
        throw SerializeError()
      }
      // Unlinked at once: the open descriptor keeps the bytes, and nothing is left behind.
      unlink(path)
      rmdir(folder)
      size = Int(info.st_size)
      bytes = nil
    }

    fileprivate init(memory: Data) {
      fd = -1
      size = memory.count
      bytes = memory
    }

    deinit { if fd >= 0 { close(fd) } }

    /// SQLite stamps a database file, never one in memory, with a change counter and the
    /// version that wrote it (header bytes 24–27 and 92–99). Zeroed as in a serialized
    /// in-memory database, which the package carried first: the same bytes, whatever SQLite.
    private static func clearFileHeader(_ fd: Int32) -> Bool {
      let zeros = [UInt8](repeating: 0, count: 8)
      return zeros.withUnsafeBytes { pwrite(fd, $0.baseAddress!, 4, 24) == 4 && pwrite(fd, $0.baseAddress!, 8, 92) == 8 }
    }

    /// `count` bytes from `offset`.
    func read(_ offset: Int, _ count: Int) throws -> Data {
      if let bytes { return bytes.subdata(in: offset..<offset + count) }
      var out = Data(count: count)
      let ok = out.withUnsafeMutableBytes { raw -> Bool in
        var done = 0
        while done < count {
          let n = pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
          if n < 0 && errno == EINTR { continue }
          if n <= 0 { return false }
          done += n
        }
        return true
      }
      guard ok else { throw SerializeError() }
      return out
    }
  }

  /// `css`: the note type's style (see `DeckMedia`).
  static func sqlite(_ deck: DeckContent, css: String) throws -> Collection {
    var template = Array((FileManager.default.temporaryDirectory.path + "/syllabus-deck-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      let queue = try DatabaseQueue()
      try queue.write { try fill($0, deck, css: css) }
      return Collection(memory: try serialized(queue))
    }
    let folder = String(cString: made), path = folder + "/collection.anki2"
    do {
      var configuration = Configuration()
      // No journal and no syncs: the file is scratch, read once and removed.
      configuration.prepareDatabase { db in
        try db.execute(sql: "PRAGMA journal_mode = OFF")
        try db.execute(sql: "PRAGMA synchronous = OFF")
      }
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      try queue.write { try fill($0, deck, css: css) }
      try queue.close()
    } catch {
      unlink(path)
      rmdir(folder)
      throw error
    }
    return try Collection(file: path, folder: folder)
  }

  private static func fill(_ db: Database, _ deck: DeckContent, css: String) throws {
    for statement in schema { try db.execute(sql: statement) }
    try db.execute(
      sql: "INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')",
      arguments: [
        deck.modified - deck.modified % 86_400, deck.modified * 1000, deck.modified * 1000, try json(conf(deck)),
        try json(["\(deck.notetypeID)": notetype(deck, css: css)]), try json(decks(deck)), try json(["1": options]),
      ])
    // Prepared once: compiling the SQL again for each of 10,000 notes was a visible cost.
    let insertNote = try db.makeStatement(sql: "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')")
    // A new card (type and queue 0) whose due is its position: Anki shows new cards in
    // that order, which is the guide's study order.
    let insertCard = try db.makeStatement(sql: "INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')")
    for (position, note) in deck.notes.enumerated() {
      try insertNote.execute(arguments: [
        note.id, note.guid, deck.notetypeID, note.modified, note.tags.isEmpty ? "" : " \(note.tags.joined(separator: " ")) ",
        note.fields.joined(separator: "\u{1F}"), note.sortField, SHA1.checksum(note.sortField),
      ])
      try insertCard.execute(arguments: [note.cardID, note.id, note.deckID, note.modified, position + 1])
    }
  }

  private static func serialized(_ queue: DatabaseQueue) throws -> Data {
    try queue.inDatabase { db in
      var size: sqlite3_int64 = 0
      guard let bytes = sqlite3_serialize(db.sqliteConnection, "main", &size, 0) else { throw SerializeError() }
      defer { sqlite3_free(bytes) }
      return Data(bytes: bytes, count: Int(size))
    }
  }

  struct SerializeError: Error, CustomStringConvertible {
    var description: String { "SQLite could not serialize or read back the collection (out of memory, or the temporary folder failed?)" }
  }

  static let schema = [
    """
    CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
      ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL,
      models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL)
    """,
    """
    CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
      usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL,
      flags integer NOT NULL, data text NOT NULL)
    """,
    """
    CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
      mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL,
      ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL,
      odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL)
    """,
    """
    CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
      ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL)
    """,
    "CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL)",
    "CREATE INDEX ix_notes_usn ON notes (usn)",
    "CREATE INDEX ix_cards_usn ON cards (usn)",
    "CREATE INDEX ix_revlog_usn ON revlog (usn)",
    "CREATE INDEX ix_cards_nid ON cards (nid)",
    "CREATE INDEX ix_cards_sched ON cards (did, queue, due)",
    "CREATE INDEX ix_revlog_cid ON revlog (cid)",
    "CREATE INDEX ix_notes_csum ON notes (csum)",
  ]

  // MARK: - The JSON of the col row

  /// Throws rather than storing `{}`: Anki would open a collection without its deck or note
  /// type, and the build would never say why.
  static func json(_ value: Any) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self)
  }

  static func conf(_ deck: DeckContent) -> [String: Any] {
    [
      "activeDecks": [1], "addToCur": true, "collapseTime": 1200, "curDeck": 1, "curModel": deck.notetypeID,
      "dueCounts": true, "estTimes": true, "newSpread": 0, "nextPos": deck.notes.count + 1, "schedVer": 2,
      "sortBackwards": false, "sortType": "noteFld", "timeLim": 0,
    ]
  }

  static func decks(_ deck: DeckContent) -> [String: Any] {
    var all: [String: Any] = ["1": deckJSON(id: 1, name: "Default", modified: 0)]
    for d in [deck.guideDeck] + deck.chapters { all["\(d.id)"] = deckJSON(id: d.id, name: d.name, modified: deck.modified) }
    return all
  }

  static func deckJSON(id: Int64, name: String, modified: Int64) -> [String: Any] {
    [
      "id": id, "name": name, "mod": modified, "usn": -1, "desc": "", "dyn": 0, "conf": 1, "collapsed": false,
      "browserCollapsed": false, "extendNew": 0, "extendRev": 0, "lrnToday": [0, 0], "revToday": [0, 0],
      "newToday": [0, 0], "timeToday": [0, 0],
    ]
  }

  static func notetype(_ deck: DeckContent, css: String) -> [String: Any] {
    let fields = DeckContent.fieldNames.enumerated().map { ord, name -> [String: Any] in
      ["name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "media": [String]()]
    }
    let answer = """
      {{FrontSide}}
      <hr id="answer">
      <div class="answer">{{Answer}}</div>
      {{#Checklist}}<p class="label">\(HTML.escape(deck.checklistLabel)):</p>{{Checklist}}{{/Checklist}}
      {{#Full answer}}<details class="full-answer"><summary>\(HTML.escape(deck.fullAnswerLabel))</summary>{{Full answer}}</details>{{/Full answer}}
      <p class="link">{{Link}}</p>
      """
    let template: [String: Any] = [
      "name": "Card 1", "ord": 0, "qfmt": "<div class=\"question\">{{Question}}</div>", "afmt": answer,
      "bqfmt": "", "bafmt": "", "did": NSNull(), "bfont": "", "bsize": 0,
    ]
    return [
      "id": deck.notetypeID, "name": deck.notetypeName, "type": 0, "mod": max(notetypeModified, deck.modified), "usn": -1, "sortf": 0,
      "did": deck.guideDeck.id, "tmpls": [template], "flds": fields, "css": css, "latexPre": latexPre,
      "latexPost": "\\end{document}", "latexsvg": false, "req": [[0, "any", [0]]], "tags": [String](), "vers": [String](),
    ]
  }

  static let css = """
    .card { font-family: system-ui, sans-serif; font-size: 20px; line-height: 1.5; text-align: left; color: #1d2430; background: #fff; max-width: 40em; margin: 0 auto; }
    .card.nightMode, .card.night_mode { color: #e6e9ee; background: #14171c; }
    .card a { color: #1a5fb4; }
    .card.nightMode a, .card.night_mode a { color: #8cb4ff; }
    .question { font-weight: 600; }
    .label { font-weight: 600; margin-bottom: 0; }
    .link { font-size: 16px; }
    .full-answer { margin-top: 1em; }
    .full-answer > summary { cursor: pointer; font-weight: 600; }
    pre { padding: .8em 1em; border-radius: 8px; overflow-x: auto; line-height: 1.45; font-size: 16px; background: var(--code-bg); }
    code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .88em; }
    table { border-collapse: collapse; font-size: 16px; }
    th, td { border: 1px solid #8a94a3; padding: .3em .6em; }
    """

  static let latexPre = "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n"

  /// The default options group every collection has; the import leaves the reader's alone.
  static let options: [String: Any] = [
    "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true, "timer": 0, "replayq": true, "dyn": false,
    "new": ["bury": false, "delays": [1.0, 10.0], "initialFactor": 2500, "ints": [1, 4, 0], "order": 1, "perDay": 20] as [String: Any],
    "rev": ["bury": false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "perDay": 200, "hardFactor": 1.2] as [String: Any],
    "lapse": ["delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0.0] as [String: Any],
  ]
}
