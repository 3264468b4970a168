import ArgumentParser

@main
struct Syllabus: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build an interview study guide from a folder of Markdown.",
    discussion: """
      A guide is a `content/` folder (guide.yml, topics/, questions/, paths/, pages/) and a
      `templates/` folder. `syllabus build` renders it into plain HTML files in `public/`.
      """,
    subcommands: [Build.self, Check.self, New.self, Serve.self],
    defaultSubcommand: Build.self
  )
}
