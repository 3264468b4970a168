import SyllabusModel
import SyllabusResolver

/// The render jobs of a site's pages (listed per kind in `PageKind`), and what each one shows:
/// the map `serve` uses to re-render only the pages an edit affects.
extension SiteRenderer {
  /// One page to render: where it goes, what it shows, and how to build it. `serve` uses
  /// the two source lists to re-render only what an edit affects.
  struct Job {
    var url: String
    /// The Markdown sources (by path) whose bodies the page shows; nil when it must always
    /// be rendered.
    var bodies: [String]?
    /// The question files whose front matter the page shows (titles, levels, tags, order).
    /// guide.yml and the front matter of chapters, paths and pages are not listed: they reach
    /// every page (sidebar, header, counts), so a change to them re-renders the whole site.
    var frontMatter: [String]
    var render: (SiteRenderer) -> [UInt8]
    /// For a page made in pieces (a print document): how; `render` then collects them.
    var pieces: ((SiteRenderer, PieceSink) -> Void)?
    /// Set by `pageJobs` from the declaration the job came from.
    var kind: PageKind = .page

    init(url: String, bodies: [String]? = nil, frontMatter: [String] = [], render: @escaping (SiteRenderer) -> [UInt8]) {
      self.url = url
      self.bodies = bodies
      self.frontMatter = frontMatter
      self.render = render
    }

    init(url: String, bodies: [String]?, frontMatter: [String], pieces: @escaping (SiteRenderer, PieceSink) -> Void) {
      self.init(url: url, bodies: bodies, frontMatter: frontMatter) { r in SiteRenderer.collected { pieces(r, $0) } }
      self.pieces = pieces
    }
  }

  /// Pages from an earlier render that may be reused: those that show none of the changed
  /// bodies and none of the changed front matter, then or now. `serve` hands the earlier
  /// pages themselves (`files`); a cached build names the pages the previous site holds
  /// (`previousSite`), and those come back as `Rendered.unchanged`, to be linked, not read.
  public struct Reuse: Sendable {
    public var files: [String: OutputFile]
    public var previousSite: Set<String>
    public var changedBodies: Set<String>
    public var changedFrontMatter: Set<String>
    /// Each page's `frontMatter` when it was rendered: a question that leaves a tag or a level
    /// is no longer listed by that page now, but the old page still shows it.
    public var previousFrontMatter: [String: [String]]

    public init(
      files: [String: OutputFile] = [:], previousSite: Set<String> = [], changedBodies: Set<String>,
      changedFrontMatter: Set<String> = [], previousFrontMatter: [String: [String]] = [:]
    ) {
      self.files = files
      self.previousSite = previousSite
      self.changedBodies = changedBodies
      self.changedFrontMatter = changedFrontMatter
      self.previousFrontMatter = previousFrontMatter
    }

    /// Whether the page `job` renders is the same as last time.
    func unchanged(_ job: Job) -> Bool {
      guard let bodies = job.bodies, changedBodies.isDisjoint(with: bodies) else { return false }
      return changedFrontMatter.isEmpty
        || (changedFrontMatter.isDisjoint(with: job.frontMatter)
          && changedFrontMatter.isDisjoint(with: previousFrontMatter[job.url] ?? []))
    }
  }

  /// Every page of the site: each kind's jobs (`PageKind.spec`), tagged with their kind.
  func pageJobs() -> [Job] {
    PageKind.allCases.flatMap { kind in
      kind.spec.jobs(self).map { job in
        var job = job
        job.kind = kind
        return job
      }
    }
  }
}
