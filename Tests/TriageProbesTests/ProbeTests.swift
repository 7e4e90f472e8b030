import Testing

@testable import TriageProbes
