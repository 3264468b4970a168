/// What `syllabus --version` prints. The number is declared here, once; the commit comes from
/// `BuildCommit`, which the BuildInfo plugin writes into the build (see Plugins/BuildInfo).
enum Version {
  static let number = "0.1.0"

  static var text: String {
    guard let hash = BuildCommit.hash else { return "syllabus \(number)" }
    return "syllabus \(number) (commit \(hash)\(BuildCommit.hasLocalChanges ? ", with local changes" : ""))"
  }
}
