import TriageCLI

@main
struct Entrypoint {
  static func main() {
    NetTriageCommand.main()
  }
}
