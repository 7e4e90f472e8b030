import TriageCLI

@main
struct Entrypoint {
  static func main() async {
    await NetTriageCommand.main()
  }
}
