// swift-tools-version:6.0
// 6.0: the code calls String(validating:) and `make test` passes --disable-swift-testing.
import PackageDescription

// Pipeline, top to bottom: Loader → Markdown (parse) → Resolver → Renderer → Writer.
// SyllabusBuild wires the stages; the `syllabus` executable is a thin CLI over it.
let package = Package(
  name: "Syllabus",
  // No platforms claim: this is a Linux tool (the writer swaps folders with renameat2, `serve`
  // watches with inotify, the CLI calls Glibc).
  products: [
    .executable(name: "syllabus", targets: ["syllabus"]),
    .executable(name: "syllabus-fuzz", targets: ["syllabus-fuzz"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    // 0.x: a minor release may break the API, so stay on 0.27.
    .package(url: "https://github.com/swhitty/FlyingFox", .upToNextMinor(from: "0.27.0")),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    // Debian's libcmark-gfm-dev + libcmark-gfm-extensions-dev. Only SyllabusMarkdown imports it.
    .systemLibrary(
      name: "CCmarkGFM",
      pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
    .target(name: "SyllabusModel"),
    .target(name: "SyllabusMarkdown", dependencies: ["CCmarkGFM", "SyllabusModel"]),
    .target(name: "SyllabusLoader", dependencies: ["SyllabusModel", "Yams"]),
    .target(name: "SyllabusResolver", dependencies: ["SyllabusModel"]),
    // Math (KaTeX) and code highlighting (highlight.js) through one Node.js child process.
    .target(name: "SyllabusTypeset", dependencies: ["SyllabusModel"]),
    .target(
      name: "SyllabusRenderer",
      dependencies: [
        "SyllabusModel", "SyllabusResolver", .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    // practice/<guide>.apkg: the Anki package (SQLite collection in a zip). GRDB needs libsqlite3-dev.
    .target(
      name: "SyllabusDeck",
      dependencies: [
        "SyllabusModel", "SyllabusResolver", "ZIPFoundation",
        .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    .target(name: "CSystemShim"),
    .target(name: "SyllabusWriter", dependencies: ["SyllabusModel", "CSystemShim"]),
    .target(
      name: "SyllabusBuild",
      dependencies: [
        "SyllabusModel", "SyllabusLoader", "SyllabusMarkdown", "SyllabusResolver",
        "SyllabusRenderer", "SyllabusTypeset", "SyllabusWriter", "SyllabusDeck",
      ]
    ),
    // `syllabus serve`: the in-memory site over HTTP with live reload.
    .target(
      name: "SyllabusServer",
      dependencies: ["SyllabusBuild", "SyllabusModel", .product(name: "FlyingFox", package: "FlyingFox")]
    ),
    .executableTarget(
      name: "syllabus",
      dependencies: [
        "SyllabusBuild", "SyllabusModel", "SyllabusServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      plugins: ["BuildInfo"]
    ),
    // Writes the git commit into the `syllabus` build for --version (see the plugin's comment).
    .plugin(name: "BuildInfo", capability: .buildTool()),
    // libFuzzer target (`make fuzz`); built normally it replays the committed corpus.
    .executableTarget(
      name: "syllabus-fuzz",
      dependencies: ["SyllabusLoader", "SyllabusMarkdown", "SyllabusModel", "SyllabusResolver"]
    ),
    .testTarget(
      name: "SyllabusTests",
      dependencies: [
        "SyllabusModel", "SyllabusLoader", "SyllabusMarkdown", "SyllabusResolver",
        "SyllabusRenderer", "SyllabusTypeset", "SyllabusWriter", "SyllabusBuild", "SyllabusServer", "SyllabusDeck",
      ]
    ),
  ],
  // The sources are written for Swift 5 mode; Swift 6 mode's strict concurrency is a separate step.
  swiftLanguageModes: [.v5]
)
