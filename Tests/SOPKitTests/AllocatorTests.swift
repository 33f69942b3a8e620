import Foundation
import SOPKit
import Testing

/// The sopgen binary allocates with jemalloc on Linux (Package.swift links it; README,
/// Performance): glibc's malloc and free were a sixth of a build's CPU. jemalloc prints its
/// statistics at exit when `MALLOC_CONF` asks for them and glibc ignores the variable, so the
/// statistics appear only when jemalloc is the allocator the process really uses (a library linked
/// but placed after glibc in the lookup order would not be).
@Suite struct AllocatorTests {
    #if os(Linux)
    @Test func theBinaryAllocatesWithJemalloc() throws {
        let run = try ProcessRun.run(TestPaths.sopgenBinary.path, ["--version"], environment: ["MALLOC_CONF": "stats_print:true"])
        #expect(run.status == 0)
        #expect(run.standardOutput == SopgenVersion.current + "\n")
        #expect(run.standardError.contains("Begin jemalloc statistics"))
    }

    /// Without the variable jemalloc is silent: nothing of the allocator reaches a user's terminal.
    @Test func theAllocatorSaysNothingUnasked() throws {
        let run = try ProcessRun.run(TestPaths.sopgenBinary.path, ["--version"], environment: ["MALLOC_CONF": ""])
        #expect(run.status == 0)
        #expect(run.standardError.isEmpty)
    }
    #endif
}
