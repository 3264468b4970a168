import Foundation

/// One file of the built site.
public struct OutputFile: Sendable {
  /// Path relative to the output folder, `/`-separated.
  public var path: String
  public var contents: Data

  public init(path: String, contents: Data) {
    self.path = path
    self.contents = contents
  }

  public init(path: String, text: String) {
    self.init(path: path, contents: Data(text.utf8))
  }
}
